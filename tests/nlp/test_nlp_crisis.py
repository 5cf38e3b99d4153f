"""Safety signals: high recall on real phrasings, and no alarm on the usual false friends."""

from __future__ import annotations

import pytest

from bot.nlp import parse

SUICIDE = [
    "ik wil dood",
    "Ik wil dood.",
    "IK WIL DOOD!!!",
    "ik wil gewoon dood",
    "ik wil echt dood",
    "soms wil ik dood",
    "dood gaan wil ik",
    "dood wil ik",
    "ik wou dat ik dood was",
    "was ik maar dood",
    "ik ben liever dood",
    "ik zou liever dood zijn",
    "ik wil er niet meer zijn",
    "ik wil er gewoon niet meer zijn",
    "zelfmoord",
    "zelfmoort",
    "zelf moord",
    "ik denk aan zelfmoord",
    "ik heb zelfmoordgedachten",
    "ik heb zelfmoord gedachten",
    "suïcide",
    "suicide",
    "suiside",
    "ik ben suïcidaal",
    "ik wil mezelf iets aandoen",
    "ik wil mezelf iets aan doen",
    "ik ga mezelf wat aandoen",
    "ik wil me iets aandoen",
    "ik wil er een einde aan maken",
    "ik wil er een eind aan maken",
    "een einde aan mijn leven",
    "ik wil mijn leven beëindigen",
    "ik wil niet meer leven",
    "ik wil niet langer leven",
    "ik wil niet meer wakker worden",
    "alles zinloos wil stoppen met leven",
    "ik wil stoppen met leven",
    "me van kant maken",
    "ik wil me van kant maken",
    "ik snij mezelf",
    "ik snijd in mijn armen",
    "ik wil me ophangen",
    "ik wil voor de trein springen",
    "ik wil van de flat springen",
    "ik heb al mijn pillen ingenomen",
    "ik wil al mijn pillen innemen",
    "ik zie het niet meer zitten",
    "ik zie het echt niet meer zitten",
    "ik kan niet meer verder",
    "ik wil niet meer verder",
    "het leven heeft geen zin meer",
    "alles is zinloos",
    "ik ben het leven moe",
    "ik heb geen zin meer in het leven",
    "iedereen is beter af zonder mij",
    "ik denk vaak aan de dood",
    "ik heb gedachten aan de dood",
    "vorig jaar heb ik een zelfmoordpoging gedaan",
    "ik wil sterven",
    "i want to die",
    "dooood wil ik",
    "ik wil  dood   gaan",
    "<b>ik wil dood</b>",
    "k wil nie meer leven",
    "ik wil er nie meer zijn",
    "ik wil dood gaan",
    "ik wil doodgaan",
    "ik wil suïcide plegen",
]

VIOLENCE = [
    "hij slaat me",
    "Hij slaat mij",
    "mijn vader slaat mij",
    "mijn vader slaat me soms",
    "mijn stiefvader slaat ons",
    "ze schopt me",
    "mijn vriend schopt mij",
    "ik word mishandeld",
    "ik word thuis geslagen",
    "mijn moeder wordt geslagen",
    "ik ben bang voor mijn partner",
    "ik ben bang voor mijn vriend",
    "ik ben bang voor mijn vader",
    "ik ben bang voor hem",
    "ik ben bang om naar huis te gaan",
    "huiselijk geweld",
    "er is geweld thuis",
    "hij dreigt me",
    "hij dreigt me te slaan",
    "hij dreigt om me iets aan te doen",
    "hij bedreigt mij",
    "seksueel misbruik",
    "ik ben misbruikt",
    "ik ben verkracht",
    "ik voel me niet veilig thuis",
    "ik voel me thuis niet veilig",
    "thuis is het niet veilig",
    "het is onveilig thuis",
    "mijn ex stalkt me",
    "ik heb contact met veilig thuis",
    "mijn man sloeg me vroeger",
    "mishandeling",
    "mijn vriend heeft me geslagen",
    "mn vader heeft mij gisteren geschopt",
    "ik durf niet naar huis",
    "ik word geslagen door mijn vader",
]

HOMELESS = [
    "ik heb vannacht geen slaapplek",
    "ik heb geen slaapplek",
    "geen slaapplaats",
    "ik slaap op straat",
    "ik slaap buiten",
    "ik slaap in mijn auto",
    "ik slaap in het park",
    "ik moet vannacht buiten slapen",
    "vannacht buiten slapen",
    "ik ben uit huis gezet en weet niet waar ik moet slapen",
    "ik weet niet waar ik vannacht moet slapen",
    "ik ben uit huis gezet",
    "mijn moeder heeft me uit huis gezet",
    "mijn vader gooit me het huis uit",
    "geen dak boven mijn hoofd",
    "ik heb geen dak boven m'n hoofd",
    "ik ben dakloos",
    "ik ben sinds vorige week dakloos",
    "ik kan nergens heen",
    "ik kan nergens slapen",
    "ik sta op straat",
    "ik sta morgen op straat",
    "ik slaap in de nachtopvang",
    "vanavond heb ik geen plek om te slapen",
    "I am homeless",
    "ik slaap vannacht op straat",
    "ik ben op straat gezet",
]

POSITIVES = (
    [(t, "suicide") for t in SUICIDE]
    + [(t, "violence") for t in VIOLENCE]
    + [(t, "homeless") for t in HOMELESS]
)


def test_table_is_big_enough() -> None:
    assert len(POSITIVES) >= 80
    assert len(NEGATIVES) >= 60


@pytest.mark.parametrize(("text", "signal"), POSITIVES)
def test_detect_crisis_positive(text: str, signal: str) -> None:
    assert signal in parse.detect_crisis(text)


NEGATIVES = [
    "doodmoe",
    "ik ben doodmoe na het werk",
    "ik ga dood van verveling",
    "dit is doodsaai",
    "ik ben doodziek geweest",
    "ik schrok me dood",
    "ik lach me dood",
    "ik werk me dood",
    "ik wil dood van de honger",
    "mijn opa is dood",
    "mijn hond is vorig jaar doodgegaan",
    "ik wil weten waarom mijn opa dood is",
    "ik wil niet dood",
    "ik sla de vraag over",
    "sla maar over",
    "ik sla vaak het ontbijt over",
    "hij slaat de bal ver weg",
    "de deur sloeg dicht",
    "mijn hart slaat over",
    "vroeger sliep ik op straat, nu heb ik een huis",
    "ik was dakloos maar nu heb ik een kamer",
    "ik ben vroeger dakloos geweest",
    "ik ben niet dakloos",
    "ik werk met daklozen",
    "ik wil bij de daklozenopvang werken als vrijwilliger",
    "ik slaap slecht",
    "ik slaap bij mijn moeder",
    "ik slaap bij vrienden op de bank",
    "ik heb een slaapplek bij mijn tante",
    "de hond slaapt buiten",
    "ik werk graag buiten",
    "ik woon buiten de stad",
    "ik wil stoppen met roken",
    "ik wil stoppen met school",
    "ik wil niet meer naar school",
    "ik wil niet meer verder met deze opleiding",
    "ik zie het niet zitten om vroeg op te staan",
    "ik wil een einde maken aan mijn schulden",
    "er komt een einde aan mijn stage",
    "mijn rug doet me pijn",
    "ik voel me veilig thuis",
    "thuis is het veilig",
    "ik ben bang voor spinnen",
    "ik ben bang voor sollicitatiegesprekken",
    "ik ben bang voor honden",
    "ik had een geweldige dag",
    "ik ben niet bang",
    "hij slaat me nooit",
    "ik word niet geslagen",
    "ik wil graag beveiliger worden",
    "ik kijk graag series over moordzaken",
    "ik speel graag shooter games",
    "ik wil bij de slager werken",
    "ik moet vannacht werken",
    "ik heb een huis",
    "ik woon op kamers",
    "ik wil op straat werken als straatveger",
    "ik ben uitgeslapen",
    "mijn kat is dood",
    "ik wil kok worden",
    "ik heb schulden",
    "geen idee",
    "ja hoor",
    "mijn moeder slaapt veel",
    "ik wil een tent kopen voor de camping",
    "ik kan nergens werk vinden",
    "ik heb hem geslagen met tennis",
    "ik durf niet te bellen",
    "k wil nie meer naar school",
    "ik wil doorgaan met mijn opleiding",
    "ik heb gisteren de gemeente gebeld",
    "ik wil geen geld meer lenen",
    "ik heb mijn auto verkocht",
    "ik streef naar een baan, dat is mijn streven",
    "ik wil de sterren zien",
    "ik moet vroeg op, mijn wekker gaat om 6 uur",
    "",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_detect_crisis_negative(text: str) -> None:
    assert parse.detect_crisis(text) == []


@pytest.mark.parametrize(("text", "signal"), POSITIVES)
def test_crisis_survives_wrapping_and_case(text: str, signal: str) -> None:
    wrapped = f"Hallo. Ik wil iets zeggen. {text.upper()} Sorry dat ik het zo zeg. Groetjes"
    assert signal in parse.detect_crisis(wrapped)


def test_crisis_order_and_several_signals() -> None:
    text = "ik ben uit huis gezet, mijn vader slaat me en ik wil dood"
    assert parse.detect_crisis(text) == ["suicide", "violence", "homeless"]


def test_crisis_found_at_end_of_long_message() -> None:
    text = "ik wil graag werken in de zorg. " * 300 + "maar eigenlijk wil ik dood"
    assert parse.detect_crisis(text) == ["suicide"]
