from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vocnet.accounts"
    label = "accounts"
    verbose_name = "계정"
