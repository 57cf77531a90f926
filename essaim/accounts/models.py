"""People, the organisations they belong to, and their roles there."""

import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.accounts.validators import validate_siret
from essaim.core.slugs import unique_slug
from essaim.core.text import fold


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person. Signs in with an e-mail address (confirmed before first use) or OIDC."""

    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    email_confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisé le"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return str(_("Compte supprimé"))
        return self.get_full_name() or self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class OrganisationKind(models.TextChoices):
    CENTRAL = "central", _("Administration centrale")
    DECENTRALISED = "decentralised", _("Service déconcentré de l'État")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité territoriale")
    PUBLIC_BODY = "public_body", _("Établissement public")
    OPERATOR = "operator", _("Opérateur")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Entreprise")
    LAB = "lab", _("Laboratoire d'innovation publique")


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    slug = models.SlugField(_("adresse courte"), max_length=220, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, sans espace. Facultatif."),
    )
    territory = models.ForeignKey(
        "core.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("site internet"), blank=True)
    description = models.TextField(_("présentation"), blank=True, max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        User, through="Membership", related_name="organisations", blank=True
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~models.Q(siret=""),
                name="organisation_unique_siret",
                violation_error_message=_(
                    "Une organisation avec ce SIRET existe déjà sur la plateforme : "
                    "vérifiez le numéro, ou demandez à ses administrateurs de vous inviter."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)[:200]
        if not self.slug:
            self.slug = unique_slug(
                Organisation.objects, self.name, fallback="organisation", reserved=RESERVED_SLUGS
            )
        super().save(*args, **kwargs)


# Slugs that would shadow the fixed pages under /organisations/.
RESERVED_SLUGS = frozenset({"nouvelle", "invitations"})


class Role(models.TextChoices):
    MEMBER = "member", _("Membre")
    EDITOR = "editor", _("Éditeur")
    ADMIN = "admin", _("Administrateur")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appartenance")
        verbose_name_plural = _("appartenances")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An administrator's invitation, by e-mail, to join an organisation with a role."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse électronique"))
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_unique_pending",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class OIDCProvider(models.TextChoices):
    AGENT = "agent", _("Agents publics (ProConnect)")
    CITIZEN = "citizen", _("Particuliers (FranceConnect)")


class OIDCIdentity(models.Model):
    """A person's stable identifier (`sub`) at an OpenID Connect provider.

    Signing in again maps to the same account even when the address changed at the provider.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="oidc_identities")
    provider = models.CharField(_("fournisseur d’identité"), max_length=10, choices=OIDCProvider)
    sub = models.CharField(_("identifiant chez le fournisseur"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("identité OpenID Connect")
        verbose_name_plural = _("identités OpenID Connect")
        constraints = [
            models.UniqueConstraint(fields=["provider", "sub"], name="oidcidentity_unique_sub"),
            models.UniqueConstraint(
                fields=["user", "provider"], name="oidcidentity_unique_user_provider"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_provider_display()}"
