"""The command's worker processes: started so that none outlives the command, and ended at once when it fails."""

import os
import sys


def worker_start(parent):
    """In each worker process: die with the command (also when it is killed with SIGKILL), and leave Ctrl-C and
    SIGTERM to the command, which ends the workers itself."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the command died before prctl took effect
        os._exit(1)


def end_workers(pool):
    """Stop a process pool now: cancel what is queued and terminate the running workers (no orphans)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # ProcessPoolExecutor has no public terminate
    calls = getattr(pool, "_call_queue", None)
    if calls is not None:
        calls.cancel_join_thread()  # what is still queued for the workers is dropped, not flushed into a pipe no one reads
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
