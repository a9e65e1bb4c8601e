"""The personal-data inventory (개인정보 파일 목록): every field vocnet keeps about a person,
why it is needed and how long it is kept — the data-minimisation record of 개인정보 보호법
제3조·제16조 (collect only what the purpose needs) and 제21조 (destroy when no longer needed).

``test_inventory.py`` checks it against the models: every field of every model in
:data:`PERSONAL_DATA_APPS`, and of every model anywhere that refers to a student or a guardian,
must be listed here — as personal data with its purpose, or as not personal — and nothing
listed may be missing from the models. A new field without an entry fails the suite.
``manage.py personal_data_inventory`` renders it as docs/personal-data.md (checked too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Apps whose every model is checked field by field.
PERSONAL_DATA_APPS = ("accounts", "registry", "privacy", "otp_totp", "axes", "sessions", "core")
# Models in any other app are checked when they refer to one of these (a graduate's row is a
# person's record too: their dated events, survey answers, consents and applications).
SUBJECT_MODELS = ("registry.student", "registry.guardian", "pathways.graduatedestination")
# Models elsewhere that hold people's names or contact details without referring to a student
# or a guardian, checked field by field as well.
NAMED_PEOPLE_MODELS = ("programmes.eventregistration",)

KEY = "surrogate key (an internal number, meaningless outside vocnet)"


@dataclass(frozen=True)
class PersonalModel:
    """A table about people: whose data, how long a row is kept, and each field."""

    subject: str
    retention: str
    basis: str
    personal: dict[str, str]  # field → why it is needed
    not_personal: dict[str, str] = field(default_factory=lambda: {"id": KEY})


@dataclass(frozen=True)
class OtherModel:
    """A table checked because of its app, holding nothing about a person."""

    why: str
    fields: frozenset[str]


ACCOUNT_LIFETIME = (
    "while the account is in use; deactivated when the person leaves their organisation, "
    "deleted (with what hangs on it) by the province; no automatic deletion yet"
)
STUDENT_LIFETIME = (
    "while the student is enrolled and until the end of the school year after they leave, "
    "then deleted or anonymised by the school (no automatic deletion yet); synthetic demo rows "
    "until the next `load_demo --reset`"
)
PIPA_15 = "개인정보 보호법 제15조제1항제3호 (the education office's duties under law)"
PIPA_15_CONSENT = "개인정보 보호법 제15조제1항제1호 (consent, collected by the school)"
SAFETY_8 = "개인정보의 안전성 확보조치 기준 제8조 (access records)"
SAFETY_5 = "개인정보의 안전성 확보조치 기준 제5·6조 (access control, authentication)"

PERSONAL: dict[str, PersonalModel] = {
    "accounts.user": PersonalModel(
        subject="staff, students and guardians who sign in",
        retention=ACCOUNT_LIFETIME,
        basis=PIPA_15,
        personal={
            "username": "the sign-in name",
            "password": "signing in; only an Argon2id hash is kept, never the password",
            "name": "shown to the person and in records of who did what",
            "email": "password reset by e-mail; optional",
            "last_login": "shown on the person's security page; finds dormant accounts",
            "date_joined": "when the account was made (account review)",
            "is_active": "a deactivated account cannot sign in",
            "is_staff": "may open the admin (province officers)",
            "is_superuser": "platform operators",
            "groups": "Django's permission groups (unused by vocnet's permission layer)",
            "user_permissions": "Django's permission flags (unused by vocnet's permission layer)",
        },
    ),
    "accounts.apitoken": PersonalModel(
        subject="users who run machine clients",
        retention="until revoked or expired (at most 365 days), then kept with the account",
        basis=SAFETY_5,
        personal={
            "user": "whose token it is",
            "name": "what the token is for",
            "token_hash": "recognising the token; only a SHA-256 hash is kept",
            "prefix": "telling tokens apart without the secret",
            "created_at": "issue date",
            "expires_at": "the token stops working then",
            "revoked_at": "the token stopped working then",
            "last_used_at": "finding unused tokens",
        },
    ),
    "accounts.recoverycode": PersonalModel(
        subject="staff who sign in with a second factor",
        retention="until used, replaced by new codes, or the account is deleted",
        basis=SAFETY_5,
        personal={
            "user": "whose code it is",
            "code_hash": "recognising the code; only a SHA-256 hash is kept",
            "created_at": "when the set was issued",
            "used_at": "each code works once",
        },
    ),
    "otp_totp.totpdevice": PersonalModel(
        subject="staff who sign in with a second factor",
        retention="while the account uses the authenticator; removed by `reset_two_factor`",
        basis=SAFETY_5,
        personal={
            "user": "whose authenticator it is",
            "name": "which authenticator (the demo ones say so)",
            "confirmed": "enrolment finished",
            "key": "the shared TOTP secret that checks the codes",
            "step": "TOTP parameter",
            "t0": "TOTP parameter",
            "digits": "TOTP parameter",
            "tolerance": "TOTP parameter",
            "drift": "the phone's clock difference",
            "last_t": "refusing a code used once already (replay)",
            "throttling_failure_timestamp": "slowing down guessing",
            "throttling_failure_count": "slowing down guessing",
            "created_at": "enrolment date (security page)",
            "last_used_at": "finding unused authenticators",
        },
    ),
    "registry.membership": PersonalModel(
        subject="staff, students and guardians",
        retention=ACCOUNT_LIFETIME,
        basis=PIPA_15,
        personal={
            "user": "who",
            "organisation": "where they work or study: the source of every permission",
            "role": "what they may do there",
            "title": "shown to colleagues; optional",
            "is_active": "an ended membership grants nothing",
            "created_at": "when it was granted (account review)",
        },
    ),
    "registry.student": PersonalModel(
        subject="students (mostly minors)",
        retention=STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "school": "the student's school: who may see the record",
            "department": "field of study: offers and placements follow it",
            "student_number": "the school's 학번: matches imports to the school's own list",
            "name": "recognising the student in lists and contracts",
            "grade": "field training is for the final year; supply figures",
            "birth_date": (
                "whether a guardian must sign the field-training contract: a student of 19 or "
                "more (민법 제4조, counted to the day) signs alone, a minor or a student of "
                "unknown age with a guardian (민법 제5조); the under-18 labour protections are "
                "applied to every trainee, so they need no birth date; optional"
            ),
            "user": "the student's own login, if they have one",
            "is_synthetic": "labels demo data in every page and export",
            "is_enrolled": "only enrolled students are placed",
            "created_at": "record keeping",
            "updated_at": "record keeping",
        },
    ),
    "registry.guardian": PersonalModel(
        subject="guardians of students",
        retention="while a child of theirs is kept (see registry.student)",
        basis=PIPA_15_CONSENT,
        personal={
            "user": "the guardian's login (their name and e-mail are there)",
            "students": "which children they follow and consent for",
        },
    ),
    "registry.guardianlink": PersonalModel(
        subject="guardians of students",
        retention="while both records are kept",
        basis=PIPA_15_CONSENT,
        personal={
            "guardian": "who",
            "student": "whose guardian",
            "relationship": "모, 부, … : who consents for the minor; optional",
        },
    ),
    "privacy.personaldataaccess": PersonalModel(
        subject="users who handle personal data, and the students and guardians concerned",
        retention="at least 2 years (`VOCNET_ACCESS_LOG_RETENTION_YEARS`), then deleted by "
        "`purge_access_log`; never changed",
        basis=SAFETY_8,
        personal={
            "at": "when",
            "event_id": "which rows one action wrote (one export, many students)",
            "actor": "who (account)",
            "actor_username": "who, kept if the account is deleted",
            "client_ip": "from where",
            "channel": "web page, API, admin or command line",
            "path": "which page or endpoint (never the query string)",
            "action": "what was done",
            "subject_kind": "whose record: a student or a guardian",
            "subject_id": "whose record",
            "reason": "why personal data was exported (required for exports)",
        },
    ),
    "privacy.accesslogreview": PersonalModel(
        subject="province officers who review the access log",
        retention="as the access log (at least 2 years)",
        basis=SAFETY_8,
        personal={
            "month": "the month reviewed",
            "reviewed_by": "who reviewed",
            "reviewer_username": "who reviewed, kept if the account is deleted",
            "reviewed_at": "when",
            "findings": "what was found and done",
            "figures": "the month's totals and busiest accounts at the time",
        },
    ),
    "axes.accessattempt": PersonalModel(
        subject="anyone who failed to sign in",
        retention=(
            "until a successful sign-in of that username from that address, or the 30-minute "
            "cool-down, clears it"
        ),
        basis=SAFETY_5,
        personal={
            "username": "the account the lockout counts for",
            "ip_address": "from where; the lockout counts by username and address, and by address",
            "user_agent": "which browser",
            "http_accept": "request detail kept by django-axes",
            "path_info": "which sign-in form",
            "attempt_time": "when; the cool-down counts from it",
            "get_data": "request detail kept by django-axes (passwords masked)",
            "post_data": "request detail kept by django-axes (passwords masked)",
            "failures_since_start": "how many failures",
        },
    ),
    "axes.accessattemptexpiration": PersonalModel(
        subject="anyone who failed to sign in",
        retention="as axes.accessattempt",
        basis=SAFETY_5,
        personal={"access_attempt": "which attempt", "expires_at": "when it stops counting"},
        not_personal={},
    ),
    "axes.accessfailurelog": PersonalModel(
        subject="anyone who failed to sign in (off: AXES_ENABLE_ACCESS_FAILURE_LOG is False)",
        retention="not written",
        basis=SAFETY_5,
        personal={
            "username": "django-axes' table, unused",
            "ip_address": "django-axes' table, unused",
            "user_agent": "django-axes' table, unused",
            "http_accept": "django-axes' table, unused",
            "path_info": "django-axes' table, unused",
            "attempt_time": "django-axes' table, unused",
            "locked_out": "django-axes' table, unused",
        },
    ),
    "axes.accesslog": PersonalModel(
        subject="everyone who signs in",
        retention="as the access log (`purge_access_log` deletes sign-ins past the period)",
        basis=SAFETY_8,
        personal={
            "username": "who signed in",
            "ip_address": "from where",
            "user_agent": "which browser",
            "http_accept": "request detail kept by django-axes",
            "path_info": "which sign-in form",
            "attempt_time": "when",
            "logout_time": "when they signed out",
            "session_hash": "which session (a hash, not the session key)",
        },
    ),
    "sessions.session": PersonalModel(
        subject="everyone signed in",
        retention="until sign-out (deleted), expiry (8 h; 30 idle minutes for staff) and "
        "`clearsessions`",
        basis=SAFETY_5,
        personal={
            "session_data": "who is signed in, the second-factor mark, the language",
            "expire_date": "when it stops working",
        },
        not_personal={"session_key": "a random key (what the cookie carries)"},
    ),
    "core.auditevent": PersonalModel(
        subject="users who change records, and the people in changed records",
        retention="kept with the platform's records; no automatic deletion yet (open: ADR 0008)",
        basis=PIPA_15,
        personal={
            "at": "when",
            "actor": "who changed it",
            "action": "what was done",
            "object_type": "which kind of record",
            "object_id": "which record",
            "before": "the values before (may hold a student's data)",
            "after": "the values after (may hold a student's data)",
        },
    ),
    # Other apps' tables about students (issue 6 placements and rounds, issue 7 destinations).
    "placements.placement": PersonalModel(
        subject="students on field training",
        retention=STUDENT_LIFETIME,
        basis="직업교육훈련 촉진법 제9조 (field training), " + PIPA_15,
        personal={
            "student": "who is placed",
            "offer": "where: the company's offer",
            "origin": "placed by a clearinghouse round or directly",
            "status": "matched, under contract, in progress, ended",
            "created_by": "who placed the student",
            "created_at": "record keeping",
            "updated_at": "record keeping",
            "started_at": "when the training began",
            "ended_at": "when it ended",
            "ended_reason": "why a placement ended early or was cancelled",
            "termination_notice_on": "the day the host told the school it would end the "
            "training early (직업교육훈련 촉진법 제9조의4)",
            "termination_notice": "what the host told the school (제9조의4)",
            "is_synthetic": "labels demo data",
        },
    ),
    "placements.placementapplication": PersonalModel(
        subject="students applying directly for field training",
        retention="with the placement it led to; " + STUDENT_LIFETIME,
        basis="직업교육훈련 촉진법 제8조·제9조 (choosing the host, the contract), " + PIPA_15,
        personal={
            "offer": "the offer applied to",
            "student": "who applies",
            "status": "applied, interviewed, accepted, declined, withdrawn",
            "note": "what the school or student tells the company with the application",
            "field_justification": "the school's reason a related field fits the student's "
            "major (직업교육훈련 촉진법 제8조)",
            "applied_by": "the student or the staff who applied",
            "applied_at": "record keeping",
            "interview_at": "when the company interviews the student",
            "interview_place": "where the interview is held",
            "interview_outcome": "the company's note on the interview",
            "decided_by": "who accepted or declined for the company",
            "decided_at": "when the company decided",
            "decision_reason": "why the company declined (the school reads it)",
            "placement": "the placement an accepted application led to",
            "is_synthetic": "labels demo data",
        },
    ),
    # Consent that is real (issue 15 §3, ADR 0033).
    "placements.contractconsent": PersonalModel(
        subject="students and guardians who sign a field-training contract",
        retention="with the contract and its signature; " + STUDENT_LIFETIME,
        basis="직업교육훈련 촉진법 제9조 (the contract), " + PIPA_15,
        personal={
            "signature": "the signature the consent was given with",
            "items": "the key items consented to (hours, allowance, safety, insurance, "
            "personal data)",
            "reauthenticated_at": "when the signer confirmed their password before signing",
            "created_at": "record keeping",
        },
    ),
    "placements.contractreceipt": PersonalModel(
        subject="students and guardians who sign a field-training contract",
        retention="with the contract version; " + STUDENT_LIFETIME,
        basis="직업교육훈련 촉진법 제9조 (the contract), " + PIPA_15,
        personal={
            "version": "the signed version the receipt is for",
            "code": "the receipt's number, an unguessable code for the public check",
            "content_sha256": "the SHA-256 of the signed content (the terms name the student)",
            "created_at": "when the receipt was issued",
        },
    ),
    "placements.contractwithdrawal": PersonalModel(
        subject="students and guardians who withdraw consent to a field-training contract",
        retention="with the contract; " + STUDENT_LIFETIME,
        basis="직업교육훈련 촉진법 제9조 (the contract), " + PIPA_15,
        personal={
            "contract": "the contract consent was withdrawn from",
            "version": "the version withdrawn from",
            "party": "student or guardian",
            "withdrawn_by": "who withdrew",
            "withdrawn_at": "when (before the start date)",
            "reason": "why, for the school and the company",
        },
    ),
    "clearinghouse.studentpreference": PersonalModel(
        subject="students applying for field training",
        retention="with the round (its result is replayed from it); " + STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "round": "which round",
            "student": "whose choice",
            "offer": "the offer chosen",
            "rank": "the student's order of choices",
            "entered_by": "the student or the staff who entered it",
            "created_at": "record keeping",
            "updated_at": "record keeping",
        },
    ),
    "clearinghouse.offerranking": PersonalModel(
        subject="students applying for field training",
        retention="with the round; " + STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "round": "which round",
            "offer": "whose ranking (the company's offer)",
            "student": "the applicant ranked",
            "rank": "the company's order of applicants",
            "entered_by": "the company staff who entered it",
            "created_at": "record keeping",
        },
    ),
    "clearinghouse.schoolrecommendation": PersonalModel(
        subject="students applying for field training",
        retention="with the round; " + STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "round": "which round",
            "school": "the recommending school",
            "student": "the student recommended",
            "rank": "the school's order of its students",
            "entered_by": "the staff who entered it",
            "created_at": "record keeping",
        },
    ),
    "clearinghouse.roundoutcome": PersonalModel(
        subject="students applying for field training",
        retention="with the round's run (its stored result); " + STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "run": "which run",
            "round": "which round",
            "student": "whose result",
            "offer": "the offer matched (empty: unmatched)",
            "choice_rank": "how high the student had ranked it",
            "choice_count": "how many offers the student ranked",
            "placement": "the placement made from it",
        },
    ),
    "pathways.graduatedestination": PersonalModel(
        subject="graduates (a student's record, or an anonymised graduate number)",
        retention="destination statistics for 3 graduating years; the link to a student "
        "record ends with that record (" + STUDENT_LIFETIME + ")",
        basis=PIPA_15,
        personal={
            "department": "the graduate's department",
            "graduation_year": "which cohort",
            "graduate_key": "the school's anonymised graduate number (no name)",
            "student": "the student record, where one is kept",
            "kind": "employed, university, military, other, unknown",
            "company": "the employer, where known",
            "ncs_middle": "the field of the job, where known",
            "note": "a free note; optional",
            "data_origin": "labels demo data",
            "recorded_by": "who recorded it",
            "created_at": "record keeping",
            "updated_at": "record keeping",
            "pathway_status": "the graduate's current status, summed up from the dated events",
            "first_job_on": "date of the first job (employment indicators)",
            "days_to_first_job": "time from graduation to the first job (an indicator)",
            "retained_6": "still employed at 6 months (유지취업률)",
            "retained_12": "still employed at 12 months (유지취업률)",
            "study_route": "the work-then-study route, where one is taken",
            "workplace_sigungu_code": "the city or county of the workplace (regional retention)",
            "works_in_school_city": "works in the school's city or county (지역 정주)",
            "works_in_school_province": "works in the school's province (지역 정주)",
        },
    ),
    "pathways.universityconsent": PersonalModel(
        subject="graduates who let the universities linked to their school see their pathway",
        retention="every consent and withdrawal, as the trail of who agreed when, as long as "
        "the graduate's row (" + STUDENT_LIFETIME + ")",
        basis="개인정보 보호법 제15조제1항제1호 (the graduate's consent, given in vocnet)",
        personal={
            "graduate": "whose consent",
            "given_at": "when it was given",
            "given_by": "the account that gave it (the graduate's)",
            "withdrawn_at": "when it was withdrawn; from then no university sees the graduate",
            "withdrawn_by": "the account that withdrew it",
            "data_origin": "labels demo data",
        },
    ),
    "pathways.programmeapplication": PersonalModel(
        subject="graduates applying to a university's programme for graduates in work",
        retention="as long as the graduate's row (" + STUDENT_LIFETIME + ")",
        basis="개인정보 보호법 제15조제1항제1호 (the graduate applies, having consented)",
        personal={
            "programme": "which place (재직자 특별전형 or 계약학과)",
            "graduate": "who applied",
            "status": "applied, admitted, not admitted, enrolled",
            "applied_at": "when",
            "decided_at": "when the university decided",
            "enrolled_on": "the day of enrolment (the cohort's progress)",
            "data_origin": "labels demo data",
        },
    ),
    "pathways.pathwayevent": PersonalModel(
        subject="graduates: the dated events of their path after school",
        retention="as long as the graduate's row (" + STUDENT_LIFETIME + ")",
        basis=PIPA_15,
        personal={
            "graduate": "whose event",
            "kind": "hired, insurance check, job change, leaving, enlistment, enrolment, …",
            "occurred_on": "when (tenure, retention and eligibility are counted from it)",
            "company": "the employer, where registered in vocnet",
            "employer_name": "the employer's name when it is not registered",
            "ksic_code": "the employer's industry (indicators by sector)",
            "workplace_sigungu_code": "the city or county of the workplace (지역 정주)",
            "employment_type": "regular, fixed-term, …",
            "weekly_hours": "contracted hours a week (장려금: at least 15)",
            "wage_band": "a wage band, never the wage itself",
            "firm_size": "the employer's size (장려금: small and mid-sized firms)",
            "check_month": "for insurance checks: 3, 6 or 12 months after the hire",
            "is_insured": "for insurance checks: insured or not",
            "source": "where the fact comes from (insurance database, school, the graduate)",
            "service_type": "for enlistment: active service or 산업기능요원",
            "route": "for enrolment: the work-then-study route",
            "institution_name": "for enrolment: the university or college",
            "note": "a free note; optional",
            "data_origin": "labels demo data",
            "recorded_by": "who recorded it",
            "created_at": "record keeping",
            "survey": "the survey answer the event came from, if any",
        },
    ),
    "pathways.followupsurvey": PersonalModel(
        subject="graduates answering the follow-up survey at 6 and 12 months",
        retention="as long as the graduate's row (" + STUDENT_LIFETIME + ")",
        basis=PIPA_15_CONSENT,
        personal={
            "graduate": "who is asked",
            "month": "6 or 12 months after graduation",
            "token": "the link's secret; grants answering this one survey only",
            "answer": "working, studying, both, military, neither",
            "same_employer": "still at the first job",
            "workplace_sigungu_code": "the city or county of the workplace (지역 정주)",
            "answered_on": "when the graduate answered",
            "created_at": "record keeping",
            "changed_on": "the day of the change the graduate reports",
            "employer_name": "a new employer's name, as the graduate gives it",
            "weekly_hours": "a new job's weekly hours",
            "firm_size": "a new employer's size",
            "route": "the route of a new enrolment",
            "institution_name": "the university or college of a new enrolment",
        },
    ),
    "programmes.eventregistration": PersonalModel(
        subject="people registering for programme events (briefings, launch ceremonies)",
        retention="as long as the event's record (the programme's accountability: attendance "
        "counts are reported)",
        basis="개인정보 보호법 제15조제1항제1호 (the person registers themselves or is "
        "registered by their organisation)",
        personal={
            "event": "which event",
            "name": "the person's name, for the attendance list",
            "organisation": "whom they represent",
            "role_title": "their position; optional",
            "user": "the account that registered, where one did",
            "registered_at": "when",
            "attended": "ticked at check-in",
            "checked_in_at": "when they checked in",
            "check_in_token": "the unguessable code of their QR check-in",
            "cancelled_at": "when they cancelled, if they did",
            "is_synthetic": "labels demo data",
        },
    ),
    "courses.courseapplication": PersonalModel(
        subject="students applying for courses",
        retention=STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "term": "which term",
            "student": "whose application",
            "status": "draft, confirmed by the school, withdrawn",
            "submitted_at": "when it was submitted (the window)",
            "confirmed_at": "when the school confirmed it",
            "confirmed_by": "who confirmed it",
            "is_synthetic": "labels demo data",
        },
    ),
    "courses.enrolment": PersonalModel(
        subject="students allocated to a course",
        retention=STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "run": "the allocation that made it",
            "course": "which course",
            "student": "who takes it",
            "choice_rank": "how high the student had ranked it",
            "completed_at": "completion (이수)",
            "certificate_code": "the certificate's public verification code",
            "credits_recognised_at": "when the home school recognised the credits",
            "is_synthetic": "labels demo data",
        },
    ),
    "courses.creditrecognition": PersonalModel(
        subject="students whose completed courses their school decided credits for",
        retention=STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "enrolment": "which student's completed course",
            "decision": "credits recognised or declined (학점 인정)",
            "credits": "how many credits the school recognised",
            "reason": "why the school declined them",
            "decided_by": "who decided",
            "decided_at": "when",
            "is_synthetic": "labels demo data",
        },
    ),
    "courses.tailoredhire": PersonalModel(
        subject="students of a company-tailored class hired by its company",
        retention=STUDENT_LIFETIME,
        basis=PIPA_15,
        personal={
            "course": "which class",
            "enrolment": "which student of the class",
            "hired_on": "when they were hired (the class's hiring commitment)",
            "note": "what the company noted about the hire",
            "recorded_by": "who recorded it",
            "recorded_at": "when",
            "is_synthetic": "labels demo data",
        },
    ),
}

_CODE_LIST = "reference list (public codes and names)"
_DIRECTORY = "directory facts of organisations (public, as 학교알리미 and business registers)"

NOT_PERSONAL: dict[str, OtherModel] = {
    "registry.organisation": OtherModel(
        _DIRECTORY + "; contacts are the organisation's public ones, never a person's",
        frozenset(
            {
                "id",
                "kind",
                "name_ko",
                "name_en",
                "region",
                "location_is_inferred",
                "address",
                "postal_code",
                "phone",
                "email",
                "website",
                "data_origin",
                "source_note",
                "is_active",
                "created_at",
                "updated_at",
            }
        ),
    ),
    "registry.school": OtherModel(
        _DIRECTORY, frozenset({"organisation", "neis_code", "school_type", "establishment"})
    ),
    "registry.schooldesignation": OtherModel(
        _DIRECTORY,
        frozenset(
            {"id", "school", "kind", "year", "role", "pilot_district", "field_note", "source_note"}
        ),
    ),
    "registry.department": OtherModel(
        _DIRECTORY + "; enrolment as counts only",
        frozenset(
            {
                "id",
                "school",
                "name_ko",
                "ncs_middle",
                "intake_capacity",
                "enrolled_grade_1",
                "enrolled_grade_2",
                "enrolled_grade_3",
                "is_active",
            }
        ),
    ),
    "registry.company": OtherModel(
        _DIRECTORY + "; the business number is a company's, not a person's",
        frozenset({"organisation", "business_number", "ksic_division", "size_class", "employees"}),
    ),
    "registry.supportoffice": OtherModel(
        _CODE_LIST,
        frozenset(
            {"id", "name_ko", "short_name_ko", "name_en", "schoolinfo_org_code", "organisation"}
        ),
    ),
    "registry.region": OtherModel(
        _CODE_LIST,
        frozenset(
            {
                "id",
                "sigungu_code",
                "bjd_code",
                "name_ko",
                "full_name_ko",
                "name_en",
                "kind",
                "latitude",
                "longitude",
                "general_gu",
                "support_office",
            }
        ),
    ),
    "registry.pilotdistrict": OtherModel(
        _CODE_LIST, frozenset({"id", "support_office", "year", "announced_on", "source_note"})
    ),
    "registry.ncsmajor": OtherModel(_CODE_LIST, frozenset({"id", "code", "name_ko", "name_en"})),
    "registry.ncsmiddle": OtherModel(
        _CODE_LIST, frozenset({"id", "code", "major", "name_ko", "older_name_ko"})
    ),
    "registry.ksicsection": OtherModel(_CODE_LIST, frozenset({"id", "code", "name_ko", "name_en"})),
    "registry.ksicdivision": OtherModel(
        _CODE_LIST, frozenset({"id", "code", "section", "name_ko", "name_ko_11th", "focus_tag"})
    ),
}


def entry_fields(label: str) -> set[str] | None:
    """Every field the inventory lists for the model ``label`` (None: not listed)."""
    if label in PERSONAL:
        entry = PERSONAL[label]
        return set(entry.personal) | set(entry.not_personal)
    if label in NOT_PERSONAL:
        return set(NOT_PERSONAL[label].fields)
    return None
