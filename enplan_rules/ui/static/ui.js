// Progressive enhancement only: the page works without this file.
// 1. Show a field only where it can matter (role, target group, municipality; for a child, the young person's
//    own facts once SEL § 140 a's ages are reached in the month) — never hide one that holds a value.
// 2. The language link keeps a half-filled form by re-submitting it in the other language.
// 3. A print button for the case note (the folded questions open for printing).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("case-form");

  function holdsValue(wrapper) {
    var controls = wrapper.querySelectorAll("input, select");
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if (c.type === "checkbox" && c.checked) { return true; }
      if (c.type === "radio") { if (c.checked) { return true; } continue; }
      if (c.tagName === "SELECT" && c.value && c.value !== "none" && c.value !== "parent") { return true; }
      if ((c.type === "text" || c.type === "number") && c.value) { return true; }
    }
    return false;
  }

  function within(list, value) {
    return list === null || list.split(" ").indexOf(value) >= 0;
  }

  // Age in whole years on the first day of the month, as the engine takes it (null if either is not given).
  function ageIn(birthDate, month) {
    var born = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate || "");
    var danish = /^\s*(\d{1,2})[.\-\/ ](\d{1,2})[.\-\/ ](\d{4})\s*$/.exec(birthDate || "");
    if (danish) { born = [null, danish[3], ("0" + danish[2]).slice(-2), ("0" + danish[1]).slice(-2)]; }
    var at = /^(\d{4})-(\d{2})$/.exec(month || "");
    if (!born || !at) { return null; }
    var age = Number(at[1]) - Number(born[1]);
    if (Number(at[2]) < Number(born[2]) || (Number(at[2]) === Number(born[2]) && Number(born[3]) > 1)) { age -= 1; }
    return age;
  }

  function youngPerson(ages, age) {
    if (ages === null || age === null) { return false; }
    var bounds = ages.split(" ");
    return age >= Number(bounds[0]) && age <= Number(bounds[1]);
  }

  // A field that matters only once a check box of the same person is ticked (data-requires).
  function requirementMet(person, slot, name) {
    if (!name) { return true; }
    var box = person.querySelector("#p" + slot + "-" + name);
    return !!(box && box.checked);
  }

  function update() {
    if (!form) { return; }
    var municipality = form.querySelector("#municipality");
    var place = municipality ? municipality.value : "";
    var monthInput = form.querySelector("#month");
    var month = monthInput ? monthInput.value : "";
    var persons = form.querySelectorAll("fieldset.person");
    for (var p = 0; p < persons.length; p++) {
      var person = persons[p];
      var slot = person.getAttribute("data-slot");
      var role = form.querySelector("#p" + slot + "-role");
      var group = form.querySelector("#p" + slot + "-employment_target_group");
      var roleValue = role ? role.value : "parent";
      var groupValue = group ? group.value : "none";
      var born = form.querySelector("#p" + slot + "-birth_date");
      var age = ageIn(born ? born.value : "", month);
      var wrappers = person.querySelectorAll("[data-field]");
      for (var w = 0; w < wrappers.length; w++) {
        var wrapper = wrappers[w];
        var name = wrapper.getAttribute("data-field");
        if (name === "id" || name === "role" || name === "birth_date") { continue; }
        var forRole = within(wrapper.getAttribute("data-roles"), roleValue) ||
          (roleValue === "child" && youngPerson(wrapper.getAttribute("data-young-person"), age));
        var matters = forRole &&
          within(wrapper.getAttribute("data-groups"), groupValue) &&
          within(wrapper.getAttribute("data-municipalities"), place) &&
          requirementMet(person, slot, wrapper.getAttribute("data-requires"));
        wrapper.hidden = !(matters || holdsValue(wrapper));
      }
      var groups = person.querySelectorAll("fieldset.group");
      for (var g = 0; g < groups.length; g++) {
        groups[g].hidden = groups[g].querySelectorAll("[data-field]:not([hidden])").length === 0;
      }
    }
  }

  if (form) {
    form.addEventListener("input", function (event) {
      if (event.target.hasAttribute("data-drives") && event.target.type === "text") { update(); }
    });
    form.addEventListener("change", function (event) {
      if (event.target.hasAttribute("data-drives") || event.target.type === "checkbox") { update(); }
    });
    update();
    var link = document.querySelector("a.lang-switch");
    if (link && !/[?&]case=/.test(link.getAttribute("href"))) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        form.querySelector("input[name=lang]").value = link.getAttribute("data-lang");
        var action = document.createElement("input");
        action.type = "hidden"; action.name = "action"; action.value = "refresh";
        form.appendChild(action);
        form.submit();
      });
    }
  }

  var print = document.querySelector("[data-action=print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll("details.folded");
    for (var i = 0; i < folded.length; i++) { folded[i].open = true; }
  });
  var share = document.getElementById("case-link");
  if (share) { share.addEventListener("focus", function () { share.select(); }); }
  var notes = document.getElementById("note-text");
  if (notes) {
    notes.addEventListener("input", function () {
      notes.style.height = "auto";
      notes.style.height = notes.scrollHeight + "px";
    });
  }
})();
