"""The newcomer guide, "Help me choose". (Being written.)"""

from django.http import Http404


def help_me_choose(request):
    raise Http404
