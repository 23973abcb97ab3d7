"""Pages in Korean: LocaleMiddleware picks Korean from the browser's Accept-Language or from the
django_language cookie, and the questionnaire, navigation, the answer and the catalog page
then render from locale/ko. The engine's findings are English sentences made in pure Python
(advisor/engine) and stay English."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from advisor.auth import login_failures_clear
from advisor.forms import default_form_data
from advisor.questionnaire import QUESTIONS
from advisor.views.accounts import reset_throttle_keys

from .test_questionnaire_page import ANSWERS, HTMX

pytestmark = pytest.mark.django_db

KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.5"}


def korean(text: str) -> str:
    with translation.override("ko"):
        return translation.gettext(text)


def test_the_questionnaire_and_navigation_render_in_korean_for_a_korean_browser(client):
    response = client.get(reverse("home"), **KOREAN)
    assert response.status_code == 200
    assert response["Content-Language"] == "ko"
    body = response.content.decode()
    assert '<html lang="ko">' in body
    for nav in ("어드바이저", "요금", "로그인", "가입", "본문으로 건너뛰기"):
        assert nav in body, nav
    for legend in ("데이터", "트래픽", "지연 시간과 일관성", "리전", "예산"):
        assert f"<legend>{legend}</legend>" in body, legend
    for label in ("데이터 모델", "피크 읽기", "현재 저장된 데이터", "읽기 지연 시간(p99)"):
        assert label in body, label
    assert "관계형" in body and "키-값" in body
    assert "결과가 여기에 표시됩니다" in body
    for english in ("Peak reads", "Data model", "The answer appears here", ">Log in<"):
        assert english not in body, english


def test_every_question_label_and_help_is_shown_in_korean(client):
    body = client.get(reverse("home"), **KOREAN).content.decode()
    for q in QUESTIONS:
        labelled = (q, *q.subquestions[1:]) if q.subquestions else (q,)
        for sq in labelled:
            if sq.help:
                assert escape(korean(sq.help)) in body, sq.id
                assert korean(sq.help) != sq.help, sq.id
            if q.type != "regions":
                assert escape(korean(sq.label)) in body, sq.id


def test_the_language_cookie_chooses_korean_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="ko">' in body
    assert "데이터 모델" in body


def test_without_a_korean_preference_the_page_stays_english(client):
    body = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in body
    assert "Data model" in body and "데이터 모델" not in body


def test_the_answer_renders_in_korean_with_the_engine_findings_left_english(client):
    data = {k: v for k, v in {**default_form_data(), **ANSWERS}.items() if v is not None}
    response = client.post(reverse("home"), data, **HTMX, **KOREAN)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="answer"' in body
    for heading in ("권장", "구성", "월 비용", "구성 요소", "이 설계를 권장하는 이유", "대안"):
        assert heading in body, heading
    assert "Monthly cost" not in body and "Why this design" not in body


def test_answers_to_fix_are_explained_in_korean_on_the_page_and_in_english_by_the_api(client):
    answers = {**ANSWERS, "avg_reads_per_sec": "2000", "storage_gb": "-1"}
    data = {k: v for k, v in {**default_form_data(), **answers}.items() if v is not None}
    body = client.post(reverse("home"), data, **HTMX, **KOREAN).content.decode()
    assert "평균 읽기는 피크 읽기(1500/초)를 넘을 수 없습니다" in body
    assert "0 이상이어야 합니다" in body
    assert "cannot exceed" not in body and "must be at least" not in body
    api = client.post(
        "/api/v1/recommendations",
        {"data_model": "relational", "reads_per_sec": 1500, "avg_reads_per_sec": 2000,
         "writes_per_sec": 200, "storage_gb": -1},
        content_type="application/json", **KOREAN,
    )  # fmt: skip
    assert api.json()["error"]["fields"] == {
        "storage_gb": ["must be at least 0"],
        "avg_reads_per_sec": ["average reads cannot exceed peak reads (1500/s)"],
    }


def test_the_price_catalog_page_renders_in_korean(client):
    body = client.get(reverse("catalog:browse"), **KOREAN).content.decode()
    assert "AWS 데이터베이스 요금" in body
    assert "필터 적용" in body
    assert "Apply filters" not in body


@pytest.mark.usefixtures("fast_password_hashing", "eager")
def test_a_password_reset_asked_in_korean_is_mailed_in_korean(client, django_user_model):
    email, ip = "minji@example.com", "10.9.9.9"
    django_user_model.objects.create_user(username="minji", email=email, password="x-Pass-4821!")
    try:
        response = client.post(
            "/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ip, **KOREAN
        )
        assert response.status_code == 302
        (message,) = mail.outbox
        assert "비밀번호 재설정" in message.subject
        assert "새 비밀번호를 설정하려면 다음 링크를 여세요:" in message.body
        assert "minji" in message.body
    finally:
        for key in reset_throttle_keys(email=email, ip=ip):
            login_failures_clear(**key)


def test_every_page_offers_the_languages_by_their_own_names_and_marks_the_current_one(client):
    body = client.get(reverse("catalog:browse")).content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'value="en" lang="en"' in body and "English" in body
    assert 'value="ko" lang="ko"' in body and "한국어" in body
    current = body.split('value="en"', 1)[1].split(">", 1)[0]
    assert 'aria-current="true"' in current and "disabled" in current


def test_choosing_korean_in_the_footer_keeps_it_for_the_next_pages(client):
    response = client.post(reverse("set_language"), {"language": "ko", "next": "/catalog/"})
    assert response.status_code == 302 and response["Location"] == "/catalog/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="ko">' in body and "언어" in body
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()


def test_the_language_choice_never_redirects_off_site_nor_takes_an_unknown_language(client):
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
