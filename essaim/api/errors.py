"""French answers to invalid API requests: what is wrong with each parameter and how to fix it.

django-ninja answers a request whose parameters do not validate with 422 and pydantic's English
messages. `validation_error_body` keeps the same shape (`detail`: one entry per problem, with
`loc` and `type`) but writes each `msg` in French, and adds a one-line `message` summing it up.
"""

LOCATIONS = {
    "query": "le paramètre",
    "path": "l’adresse",
    "body": "le corps de la requête",
    "form": "le formulaire",
    "header": "l’en-tête",
    "cookie": "le cookie",
}


def _field(loc) -> str:
    names = [str(part) for part in loc[1:] if isinstance(part, str)]
    return names[-1] if names else ""


def _expected(ctx: dict) -> str:
    return str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")


def _limit(kind: str, ctx: dict) -> str:
    value = next(iter(ctx.values()), "")
    return {
        "greater_than": f"doit être supérieur à {value}",
        "greater_than_equal": f"doit valoir au moins {value}",
        "less_than": f"doit être inférieur à {value}",
        "less_than_equal": f"doit valoir au plus {value}",
    }[kind]


def _how_to_fix(error_type: str, ctx: dict) -> str:
    """The French sentence, after the parameter's name, that says what a valid value is."""
    if error_type == "missing":
        return "est obligatoire : ajoutez-le à la requête"
    if error_type in {"enum", "literal_error"}:
        return f"n’accepte que ces valeurs : {_expected(ctx)}"
    if error_type in {"int_parsing", "int_type", "int_from_float"}:
        return "doit être un nombre entier, par exemple 2"
    if error_type in {"float_parsing", "float_type", "decimal_parsing"}:
        return "doit être un nombre, par exemple 2.5"
    if error_type in {"bool_parsing", "bool_type"}:
        return "doit valoir true ou false"
    # A date sent as text fails as date_from_datetime_parsing / _inexact: still a date.
    if error_type.startswith("date_from_datetime") or (
        error_type.startswith("date") and "time" not in error_type
    ):
        return "doit être une date au format AAAA-MM-JJ, par exemple 2026-03-31"
    if error_type.startswith("datetime"):
        return "doit être une date et une heure au format ISO 8601, par exemple 2026-03-31T14:00"
    if error_type.startswith("uuid"):
        return "doit être un identifiant UUID, par exemple 123e4567-e89b-12d3-a456-426614174000"
    if error_type in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return _limit(error_type, ctx)
    if error_type == "string_too_long":
        return f"est trop long : {ctx.get('max_length')} caractères au plus"
    if error_type == "string_too_short":
        return f"est trop court : {ctx.get('min_length')} caractères au moins"
    if error_type in {"string_type", "string_unicode"}:
        return "doit être un texte"
    if error_type in {"json_invalid", "model_attributes_type", "dict_type", "model_type"}:
        return "doit être un objet JSON valide"
    return "a une valeur invalide : vérifiez-la dans la documentation de l’API (/api/v1/docs)"


def french_message(error: dict) -> str:
    """One pydantic/ninja error in French, naming the parameter and saying how to fix it."""
    loc = list(error.get("loc") or [])
    where = LOCATIONS.get(str(loc[0]) if loc else "", "la valeur")
    field = _field(loc)
    subject = f"{where[0].upper()}{where[1:]} « {field} »" if field else where.capitalize()
    return f"{subject} {_how_to_fix(str(error.get('type', '')), error.get('ctx') or {})}."


def validation_error_body(errors: list[dict]) -> dict:
    detail = [
        {"loc": error.get("loc", []), "type": error.get("type", ""), "msg": french_message(error)}
        for error in errors
    ]
    count = len(detail)
    if count == 1:
        summary = "La requête contient une erreur : corrigez-la puis réessayez."
    else:
        summary = f"La requête contient {count} erreurs : corrigez-les puis réessayez."
    return {"message": summary, "detail": detail}


ERROR_SCHEMAS = {
    "Introuvable": {
        "title": "Introuvable",
        "type": "object",
        "properties": {"detail": {"type": "string", "description": "Le message, en français"}},
        "required": ["detail"],
    },
    "RequeteInvalide": {
        "title": "RequeteInvalide",
        "type": "object",
        "properties": {
            "message": {"type": "string", "description": "Le problème en une phrase"},
            "detail": {
                "description": "Un message, ou un problème par paramètre",
                "anyOf": [
                    {"type": "string"},
                    {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "loc": {"type": "array", "items": {}},
                                "type": {"type": "string"},
                                "msg": {
                                    "type": "string",
                                    "description": "Comment corriger, en français",
                                },
                            },
                            "required": ["loc", "type", "msg"],
                        },
                    },
                ],
            },
        },
        "required": ["detail"],
    },
}


def _error_response(description: str, name: str) -> dict:
    reference = {"$ref": f"#/components/schemas/{name}"}
    return {"description": description, "content": {"application/json": {"schema": reference}}}


def document_errors(schema: dict) -> dict:
    """Add the error answers every operation may give to an OpenAPI schema (in place).

    404 where the address has a parameter (an unknown slug), 422 where there is any parameter
    (invalid value): clients, and schemathesis, then know these answers are expected.
    Side effect: adds the two error bodies to the schema's components.
    """
    schema.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            places = {p.get("in") for p in operation.get("parameters", [])}
            responses = operation.setdefault("responses", {})
            if "path" in places:
                responses.setdefault(404, _error_response("Introuvable", "Introuvable"))
            if places or "requestBody" in operation:
                responses.setdefault(422, _error_response("Paramètre invalide", "RequeteInvalide"))
    return schema
