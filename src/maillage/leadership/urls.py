from django.urls import path

from maillage.leadership.views import activities, aggregates, communities, leaders

app_name = "leadership"
urlpatterns = [
    path("", leaders.home, name="home"),
    path("profile/", leaders.profile_edit, name="profile"),
    path("assess/", leaders.assess, name="assess"),
    path("leaders/<int:pk>/", leaders.leader_detail, name="leader_detail"),
    path("coaching/", leaders.coachees, name="coachees"),
    path("framework/", leaders.framework, name="framework"),
    path("framework/new/", leaders.competency_edit, name="competency_create"),
    path("framework/<int:pk>/edit/", leaders.competency_edit, name="competency_edit"),
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_edit, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/participants/", activities.participant_add, name="participant_add"),
    path("activities/<int:pk>/attendance/", activities.attendance, name="attendance"),
    path("coverage/", activities.coverage, name="coverage"),
    path("communities/", communities.community_list, name="community_list"),
    path("communities/<int:pk>/", communities.community_detail, name="community_detail"),
    path("communities/<int:pk>/posts/<int:post_pk>/reply/", communities.post_reply, name="post_reply"),
    path("communities/<int:pk>/members/add/", communities.member_add, name="member_add"),
    path("communities/<int:pk>/sessions/new/", communities.session_create, name="session_create"),
    path(
        "communities/<int:pk>/sessions/<int:session_pk>/", communities.session_detail, name="session_detail"
    ),
    path(
        "communities/<int:pk>/sessions/<int:session_pk>/resources/add/",
        communities.resource_add,
        name="resource_add",
    ),
    path(
        "communities/<int:pk>/sessions/<int:session_pk>/resources/<int:resource_pk>/",
        communities.resource_file,
        name="resource_file",
    ),
    path("aggregates/", aggregates.aggregates, name="aggregates"),
]
