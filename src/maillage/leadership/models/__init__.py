"""The leadership app's models: the framework and the leaders (leaders.py), communities of practice."""

from maillage.leadership.models.communities import (
    Community,
    CommunityMember,
    CommunitySession,
    Post,
    SessionResource,
)
from maillage.leadership.models.leaders import (
    ActivityKind,
    Competency,
    LeaderProfile,
    LearningActivity,
    Level,
    Participation,
    Pillar,
    Rating,
    SelfAssessment,
    short_level,
)
from maillage.leadership.models.releases import AggregateRelease

__all__ = [
    "ActivityKind",
    "AggregateRelease",
    "Community",
    "CommunityMember",
    "CommunitySession",
    "Competency",
    "LeaderProfile",
    "LearningActivity",
    "Level",
    "Participation",
    "Pillar",
    "Post",
    "Rating",
    "SelfAssessment",
    "SessionResource",
    "short_level",
]
