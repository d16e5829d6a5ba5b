from django.urls import path

from . import views, views_blocks, views_people

app_name = "accounts"

urlpatterns = [
    path("me/", views.account_home, name="home"),
    path("me/profile/", views.profile_edit, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/download/", views.my_data_download, name="my_data_download"),
    path("me/delete/", views.delete_account, name="delete"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("members/<str:username>/", views.member_detail, name="member"),
]

urlpatterns += views_people.urlpatterns + views_blocks.urlpatterns
