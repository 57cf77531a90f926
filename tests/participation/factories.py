from datetime import timedelta

import factory
from django.db.models import F
from django.utils import timezone

from essaim.participation.enums import PhaseKind, ProposalState
from essaim.participation.models import (
    Campaign,
    CampaignTheme,
    Comment,
    Criterion,
    JuryMember,
    Phase,
    Proposal,
)
from tests.accounts.factories import OrganisationFactory, UserFactory


class ParticipantFactory(UserFactory):
    """A person with no usable password: fast to create by the hundred."""

    password = factory.django.Password(None)


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open campaign whose submission and support phases are open now."""

    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title = factory.Sequence(lambda n: f"Consultation {n}")
    question = "Quelles lourdeurs supprimer pour faciliter notre travail au quotidien ?"
    context = "Une consultation de test."

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted or [OrganisationFactory()])

    @factory.post_generation
    def open_phases(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        now = timezone.now()
        for kind in (PhaseKind.SUBMISSION, PhaseKind.SUPPORT, PhaseKind.SELECTION):
            Phase.objects.create(
                campaign=self,
                kind=kind,
                starts_at=now - timedelta(days=1),
                ends_at=now + timedelta(days=30),
            )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTheme

    campaign = factory.SubFactory(CampaignFactory)
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Thème {n}")


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    campaign = factory.SubFactory(CampaignFactory)
    author = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    body = "Une description assez longue de la proposition."
    state = ProposalState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(ParticipantFactory)
    body = "Bonne idée."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Keep the proposal's comment counter true, as the service does."""
        comment = super()._create(model_class, *args, **kwargs)
        Proposal.objects.filter(pk=comment.proposal_id).update(comment_count=F("comment_count") + 1)
        return comment


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    max_score = 5


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JuryMember

    campaign = factory.SubFactory(CampaignFactory)
    user = factory.SubFactory(ParticipantFactory)
