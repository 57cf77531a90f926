"""The jury's scores criterion by criterion: each juror's score on each criterion of a proposal,
the average of each criterion and of the totals, conflicts and missing scores said in words;
only the jury and the campaign's moderators see them."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from essaim.participation import selection_services as selection
from essaim.participation.enums import ProposalState
from tests.accounts.factories import UserFactory
from tests.participation.factories import CriterionFactory, JurorFactory, ProposalFactory

pytestmark = pytest.mark.django_db


class _Table(HTMLParser):
    """The text of each row of the page's first table, cell by cell, spaces collapsed."""

    def __init__(self):
        super().__init__()
        self.rows, self.caption, self._cell, self._in_caption, self._done = [], "", None, False, 0

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if self._done:
            return
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "table":
            self._done = True

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption:
            self.caption += data


def table(html):
    parser = _Table()
    parser.feed(html)
    return parser


def url(name, campaign, *args):
    return reverse(f"participation:{name}", args=[campaign.slug, *args])


@pytest.fixture
def scored(campaign):
    """Four jurors on two criteria: Alice scores both, Bruno only « Utilité », Chloé declared
    a conflict (after scoring: her score goes), Damien has scored nothing yet."""
    useful = CriterionFactory(campaign=campaign, name="Utilité", max_score=5, position=1)
    feasible = CriterionFactory(campaign=campaign, name="Faisabilité", max_score=10, position=2)
    names = ("Alice", "Bruno", "Chloé", "Damien")
    alice, bruno, chloe, damien = (
        JurorFactory(campaign=campaign, user=UserFactory(first_name=name, last_name="Juré"))
        for name in names
    )
    proposal = ProposalFactory(campaign=campaign, title="Un guichet unique pour les aides")
    selection.score(proposal, by=alice.user, criterion=useful, value=4)
    selection.score(proposal, by=alice.user, criterion=feasible, value=7)
    selection.score(proposal, by=bruno.user, criterion=useful, value=1)
    selection.score(proposal, by=chloe.user, criterion=useful, value=5)
    selection.declare_conflict(proposal, by=chloe.user, reason="Ma sœur l’a écrite")
    return proposal, (useful, feasible), (alice, bruno, chloe, damien)


def test_service_gives_each_jurors_score_per_criterion_and_the_averages(campaign, scored):
    proposal, _criteria, (alice, bruno, chloe, damien) = scored
    (found,) = selection.proposal_scores(campaign, [proposal])
    assert [(s.juror, s.conflict, s.values, s.total) for s in found.jurors] == [
        (alice, False, [4, 7], 11),
        (bruno, False, [1, None], 1),
        (chloe, True, [], None),  # her score of 5 went with the conflict
        (damien, False, [None, None], None),
    ]
    assert found.averages == [2.5, 7]  # neither the conflict nor « non noté » counts
    assert found.average == 6  # of the totals 11 and 1, the same figure as the grid's
    _jurors, rows = selection.scoring_grid(campaign, [proposal])
    assert rows[0]["cells"] == [11, 1, "conflict", None] and rows[0]["average"] == 6


def test_juror_sees_each_jurors_score_per_criterion_side_by_side(client, campaign, scored):
    proposal, _criteria, (alice, *_others) = scored
    client.force_login(alice.user)
    grid = client.get(url("jury", campaign)).content.decode()
    detail = url("jury_scores", campaign, proposal.pk)
    assert f'href="{detail}"' in grid  # from the grid to the proposal's detail
    page = table(client.get(detail).content.decode())
    assert "Notes de chaque membre du jury par critère" in page.caption
    assert page.rows == [
        ["Membre du jury", "Utilité (sur 5)", "Faisabilité (sur 10)", "Total (sur 15)"],
        ["Alice Juré", "4", "7", "11"],
        ["Bruno Juré", "1", "non noté", "1"],
        ["Chloé Juré", "conflit d’intérêts déclaré"],
        ["Damien Juré", "non noté", "non noté", "non noté"],
        ["Moyenne du jury", "2,5", "7", "6"],
    ]


def test_the_grid_says_conflict_and_not_scored_in_words(client, campaign, scored):
    proposal, _criteria, (alice, *_others) = scored
    client.force_login(alice.user)
    page = table(client.get(url("jury", campaign)).content.decode())
    row = next(row for row in page.rows if row[0] == proposal.title)
    assert row[1:6] == ["11", "1", "conflit d’intérêts déclaré", "non noté", "6"]


def test_averages_keep_one_decimal(client, campaign, scored):
    proposal, (useful, _feasible), (_alice, _bruno, _chloe, damien) = scored
    selection.score(proposal, by=damien.user, criterion=useful, value=2)
    client.force_login(damien.user)
    page = table(client.get(url("jury_scores", campaign, proposal.pk)).content.decode())
    assert page.rows[-1] == ["Moyenne du jury", "2,3", "7", "4,7"]  # 7/3 and 14/3


def test_moderator_sees_the_scores_and_others_are_refused(
    client, campaign, scored, editor, agent, applicant
):
    proposal, _criteria, _jurors = scored
    detail = url("jury_scores", campaign, proposal.pk)
    assert client.get(detail).status_code == 302  # signed out: to the sign-in page
    for person in (applicant, agent):  # a citizen, an agent of the organisation not on the jury
        client.force_login(person)
        refused = client.get(detail)
        assert refused.status_code == 403
        assert "Alice Juré" not in refused.content.decode()
        assert client.get(url("jury", campaign)).status_code == 403
    client.force_login(editor)
    page = client.get(detail).content.decode()
    assert "Alice Juré" in page and "Noter cette proposition" not in page  # not on the jury


def test_only_proposals_under_review_have_a_detail(client, campaign, scored):
    _proposal, _criteria, (alice, *_others) = scored
    draft = ProposalFactory(campaign=campaign, state=ProposalState.DRAFT)
    client.force_login(alice.user)
    assert client.get(url("jury_scores", campaign, draft.pk)).status_code == 404
