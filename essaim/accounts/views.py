from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from essaim.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def signup(request):
    return render(request, "accounts/login.html", {"form": LoginForm()})


@login_required
def space(request):
    return render(request, "accounts/space.html")
