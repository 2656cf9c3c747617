from django.contrib import admin

from maillage.surveys.models import Instrument, Invitation, PartnerAnswer, Question, Rating, Response, Wave


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "code", "scope", "kind", "text_fr", "text_en", "required"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en", "kind"]
    inlines = [QuestionInline]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["network", "kind", "date", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["network"]
    autocomplete_fields = ["network"]
    raw_id_fields = ["previous", "created_by"]
    inlines = [QuestionInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    # The token is a secret: it is neither listed nor searchable here.
    list_display = ["organization", "wave", "sent_at", "failed_at", "reminders", "reminded_at"]
    list_select_related = ["organization", "wave__network"]
    raw_id_fields = ["wave", "organization"]
    exclude = ["token"]


class PartnerAnswerInline(admin.TabularInline):
    model = PartnerAnswer
    extra = 0
    raw_id_fields = ["partner"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["invitation", "language", "submitted_at"]
    list_select_related = ["invitation__organization", "invitation__wave__network"]
    raw_id_fields = ["invitation", "prefilled_from"]
    inlines = [PartnerAnswerInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["rater", "rated", "wave", "reported_by_both"]
    list_select_related = ["rater", "rated", "wave__network"]
    raw_id_fields = ["wave", "rater", "rated", "observation"]
