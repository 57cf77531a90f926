"""The inverted index behind « proposals that mean the same thing » (imported by `models`).

Each proposal's text is turned once, when it is written, into weighted terms (lemmas, light
stems, thesaurus concepts: `similar.terms`) stored as `ProposalTerm` rows; `CampaignTerm` keeps,
per campaign, in how many proposals each term appears (the IDF), the empty term counting the
proposals themselves. A suggestion then reads only the postings of the rarest words being typed
(indexed by campaign and term), never the whole campaign: constant work at 100,000 proposals.
"""

from django.db import models


class ProposalTerm(models.Model):
    """One term of a proposal's vector: `count` occurrences (the title counts twice)."""

    proposal = models.ForeignKey(
        "participation.Proposal", on_delete=models.CASCADE, related_name="similarity_terms"
    )
    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(max_length=60)
    count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "term"], name="proposalterm_unique")
        ]
        # The postings of one term in one campaign, read with the count without the table.
        indexes = [
            models.Index(
                fields=["campaign", "term", "proposal", "count"], name="proposalterm_posting"
            )
        ]

    def __str__(self):
        return self.term


class CampaignTerm(models.Model):
    """In how many of the campaign's proposals `term` appears; the term "" counts proposals."""

    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="+"
    )
    term = models.CharField(max_length=60)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "term"], name="campaignterm_unique")
        ]

    def __str__(self):
        return f"{self.term} ({self.documents})"
