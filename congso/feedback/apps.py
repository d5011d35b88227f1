from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Citizens' satisfaction ratings and feedback (đánh giá mức độ hài lòng; phản
    ánh, kiến nghị — PAKN), QĐ 766 group 5."""

    name = "congso.feedback"
    label = "feedback"
    verbose_name = _("Feedback and satisfaction")

    def ready(self) -> None:
        from congso.core.panels import work_panels
        from congso.feedback import panels

        if "feedback.queue" not in work_panels:
            work_panels.add("feedback.queue", panels.feedback_queue_panel)
            work_panels.add("feedback.citizen", panels.citizen_feedback_panel)
