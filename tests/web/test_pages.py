"""Public pages and the pupil's home."""

from bs4 import BeautifulSoup

from tests.conftest import sign_in


def test_pupil_home_has_two_big_tiles_and_the_notice(client, world):
    sign_in(client, world.a.classes[0].pupils[0])
    page = BeautifulSoup(client.get("/pupil/").get_data(as_text=True), "html.parser")
    tiles = [t.get_text(" ", strip=True) for t in page.select(".tile")]
    assert len(tiles) == 2 and "My maths tasks" in tiles[0] and "Times tables" in tiles[1]
    assert "Your teacher can see your answers" in page.get_text()


def test_pupil_privacy_page_speaks_to_children(client):
    text = BeautifulSoup(
        client.get("/privacy/pupils").get_data(as_text=True), "html.parser"
    ).get_text()
    assert "Your teacher can see your answers" in text
    assert "Other children cannot see your answers" in text


def test_adult_privacy_page_states_the_promises(client):
    text = BeautifulSoup(client.get("/privacy").get_data(as_text=True), "html.parser").get_text()
    for promise in (
        "data controller",
        "data processor",
        "exactly one cookie",
        "no page loads anything from another",
        "add, update and delete",
    ):
        assert promise in text


def test_index_sends_each_role_home(client, world):
    assert client.get("/").headers["Location"].endswith("/signin")
    sign_in(client, world.a.classes[0].pupils[0])
    assert client.get("/").headers["Location"].endswith("/pupil/")
    assert client.get("/signin").headers["Location"].endswith("/pupil/")
