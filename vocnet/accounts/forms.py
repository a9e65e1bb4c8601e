from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from vocnet.core.forms import KrdsFormMixin


class LoginForm(KrdsFormMixin, AuthenticationForm):
    pass


class KrdsPasswordChangeForm(KrdsFormMixin, PasswordChangeForm):
    pass
