"""Official consolidated texts the rules cite (Retsinformation ELI addresses)."""

LAB = "https://www.retsinformation.dk/eli/lta/2016/1342"  # LBK nr. 1342 af 21.11.2016
BEK_LAB = "https://www.retsinformation.dk/eli/lta/2015/1517"  # BEK om en aktiv beskæftigelsesindsats
LBA = "https://www.retsinformation.dk/eli/lta/2019/548"  # lov nr. 548 af 7.5.2019, from 1 Jan 2020
ORGANISATION_ACT = "https://www.retsinformation.dk/eli/lta/2014/1482"
SEL = "https://www.retsinformation.dk/eli/lta/2017/988"  # serviceloven, LBK 2017
LAS = "https://www.retsinformation.dk/eli/lta/2017/1460"  # lov om aktiv socialpolitik
LSD = "https://www.retsinformation.dk/eli/lta/2017/1082"  # lov om sygedagpenge
ONE_PLAN_LAW = "https://www.retsinformation.dk/eli/lta/2018/707"  # lov nr. 707 af 8.6.2018
L_232 = "https://ft.dk/samling/20171/lovforslag/l232/20171_l232_som_fremsat.htm"  # L 232 as tabled, 26.4.2018
ONE_PLAN_LAW_DRAFT = "https://ft.dk/samling/20171/almdel/SOU/bilag/161/1856519/index.htm"  # consultation draft, Feb 2018
FRIKOMMUNE_ACT = "https://www.retsinformation.dk/eli/lta/2017/658"  # lov nr. 658 af 8.6.2017
TRIAL_ORDER = "https://www.retsinformation.dk/eli/lta/2018/529"  # BEK nr. 529 af 23.5.2018 (1.7.2018–31.12.2019)
TRIAL_ORDER_603 = "https://www.retsinformation.dk/eli/lta/2017/603"  # BEK nr. 603 af 1.6.2017 (1.7.2017–31.12.2017)
TRIAL_ORDER_1255 = "https://www.retsinformation.dk/eli/lta/2017/1255"  # BEK nr. 1255 af 24.11.2017 (1.1.2018–30.6.2018)
TRIAL_ORDER_1184 = "https://www.retsinformation.dk/eli/lta/2019/1184"  # BEK nr. 1184 af 25.11.2019 (from 1.1.2020)
BALLERUP_STATUTE = "https://ballerup.dk/frikommunenetvaerk"  # seeds: frikommunevedtægt
TRIAL_ORDER_2017 = TRIAL_ORDER_603  # the first version of frikommuneforsøg II (was quoted from the ft.dk draft)
