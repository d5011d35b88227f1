from django.urls import path

from congso.accounts.citizens import views

app_name = "citizens"

urlpatterns = [
    path("cong-dan/dang-nhap/", views.citizen_login, name="login"),
    path("cong-dan/dang-ky/", views.citizen_signup, name="signup"),
    path("cong-dan/tai-khoan/", views.profile_edit, name="profile"),
    path("cong-dan/tai-khoan/email/", views.email_resend, name="email-resend"),
    path("cong-dan/tai-khoan/dien-thoai/", views.phone_verify, name="phone-verify"),
]
