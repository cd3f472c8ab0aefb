from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.db.models import BigIntegerField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from edi_portal.page_cache import CachedPageMixin
from edi_portal.pagination import OneQueryPaginator
from edi_portal.prepared import Param, Prepared
from edi_portal.ratelimit import RateLimitedFormMixin, SecretLinkMixin
from network.accounts import is_network_member, is_verified_trainee

from . import services
from .filters import SessionFilter
from .forms import (
    BookingForm,
    FacilitatorOfferForm,
    FeedbackForm,
    SessionRequestForm,
    TrainingRecordRequestForm,
)
from .ics import booking_calendar
from .models import (
    BOOKING_LINK_SALT,
    Booking,
    Course,
    FacilitatorOffer,
    Session,
    SessionFacilitator,
    session_feedback_summary,
)
from .record import (
    RECORD_LINK_DAYS,
    address_from_token,
    attended,
    record_context,
    record_pdf_response,
    unlinked_under,
)

TRAINING_CRUMBS = [("Home", "/"), ("Training", "/training/")]


class SessionListView(CachedPageMixin, FilterView):
    """Upcoming sessions with places left, filtered by course, month and format."""

    template_name = "training/session_list.html"
    filterset_class = SessionFilter
    paginate_by = 10
    # An invalid filter value shows the error and the whole list rather than nothing.
    strict = False

    # The page's sessions and how many there are in all, in one query.
    paginator_class = OneQueryPaginator

    def get_queryset(self):
        return (
            Session.objects.upcoming()
            .with_confirmed_count()
            .select_related("course")
            # The cards show neither the course's description nor its search document.
            .defer("course__description", "course__search_document")
            .order_by("starts_at", "pk")
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            breadcrumbs=[("Home", "/")], query_without_page=query.urlencode(), **kwargs
        )


class BookPlaceFormView(FormView):
    form_class = BookingForm

    def form_valid(self, form):
        try:
            booking = services.book_place(session_id=self.session.pk, **form.cleaned_data)
        except services.BookingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return redirect("training:booked", token=booking.token)


# A session's page: its session, and the trainee facilitators who agreed to be named.
SESSION_PAGE = Prepared(
    lambda: (
        Session.objects.with_confirmed_count()
        .select_related("course")
        .defer("course__search_document")
        .filter(course__is_active=True, pk=Param("pk", BigIntegerField()))
    )
)
NAMED_FACILITATORS = Prepared(
    lambda: (
        SessionFacilitator.objects.filter(
            session=Param("session", BigIntegerField()),
            offer__may_be_named=True,
            offer__status=FacilitatorOffer.Status.APPROVED,
        )
        .order_by("offer__name")
        .values_list("offer__name", flat=True)
    )
)


class SessionView(CachedPageMixin, RateLimitedFormMixin, BookPlaceFormView):
    """A session's details and its booking form (or the waiting list when it is full)."""

    template_name = "training/session_detail.html"
    # Per client address, and a whole trust may share one address: generous, yet stops a script.
    rate_limit = "60/h"

    @cached_property
    def session(self):
        # Looked up when first needed, so a kept page (CachedPageMixin) needs no query for it.
        return SESSION_PAGE.first_or_404(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            named_facilitators=NAMED_FACILITATORS.run(session=self.session.pk),
            booking_problem=self.session.booking_problem(),
            breadcrumbs=TRAINING_CRUMBS,
            **kwargs,
        )


class SignedBookingMixin:
    """Finds the booking named by the signed token in the URL; a tampered token is a 404."""

    def dispatch(self, request, *args, **kwargs):
        try:
            booking_id = int(signing.Signer(salt=BOOKING_LINK_SALT).unsign(kwargs["token"]))
        except (signing.BadSignature, ValueError) as error:
            raise Http404("This link is not valid.") from error
        self.booking = get_object_or_404(
            Booking.objects.select_related("session__course"), pk=booking_id
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking=self.booking,
            session=self.booking.session,
            manage_url=self.booking.get_manage_url(),
            breadcrumbs=TRAINING_CRUMBS,
            **kwargs,
        )


class BookedView(SignedBookingMixin, TemplateView):
    """Straight after booking: confirmed, or on the waiting list."""

    template_name = "training/booked.html"


class ManageBookingView(SignedBookingMixin, TemplateView):
    """The person's own booking, reached from their email: details, joining link, cancel."""

    template_name = "training/manage.html"

    def get_context_data(self, **kwargs):
        booking = self.booking
        session = booking.session
        return super().get_context_data(
            can_change=booking.can_change,
            show_joining_link=booking.is_confirmed
            and session.is_online
            and not session.is_cancelled
            and not session.has_ended(),
            can_give_feedback=not booking.feedback_problem(),
            can_have_certificate=booking.can_have_certificate(),
            has_given_feedback=hasattr(booking, "feedback"),
            **kwargs,
        )


class CancelBookingView(SignedBookingMixin, TemplateView):
    """Asks "are you sure?", then cancels the place or leaves the waiting list."""

    template_name = "training/cancel.html"

    def post(self, request, *args, **kwargs):
        was_waiting = self.booking.is_waiting
        try:
            services.cancel_booking(booking_id=self.booking.pk)
        except services.BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "You have left the waiting list." if was_waiting else "Your booking is cancelled.",
            )
        return redirect(self.booking.get_manage_url())


class FeedbackView(SignedBookingMixin, FormView):
    template_name = "training/feedback.html"
    form_class = FeedbackForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(feedback_problem=self.booking.feedback_problem(), **kwargs)

    def form_valid(self, form):
        try:
            services.record_feedback(booking_id=self.booking.pk, **form.cleaned_data)
        except services.BookingError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Thank you for your feedback.")
        return redirect(self.booking.get_manage_url())


class CalendarFileView(SignedBookingMixin, View):
    """The confirmed place as a calendar file, the same one the confirmation email carries."""

    def get(self, request, *args, **kwargs):
        if not self.booking.is_confirmed or self.booking.session.is_cancelled:
            raise Http404("Only a confirmed place has a calendar file.")
        calendar = booking_calendar(self.booking)
        response = HttpResponse(calendar["content"], content_type=calendar["mimetype"])
        response["Content-Disposition"] = f'attachment; filename="{calendar["filename"]}"'
        return response


class CertificateView(SignedBookingMixin, TemplateView):
    """A printable certificate of attendance, once attendance and feedback are recorded."""

    template_name = "training/certificate.html"


class RequestSessionFormView(FormView):
    form_class = SessionRequestForm

    def form_valid(self, form):
        services.request_session(**form.cleaned_data)
        return redirect("training:request_sent")


class SessionRequestView(RateLimitedFormMixin, RequestSessionFormView):
    template_name = "training/request.html"
    rate_limit = "10/h"
    extra_context = {"breadcrumbs": TRAINING_CRUMBS}


class SessionRequestSentView(TemplateView):
    template_name = "training/request_sent.html"
    extra_context = {"breadcrumbs": TRAINING_CRUMBS}


@method_decorator(never_cache, name="dispatch")
class OfferToFacilitateView(LoginRequiredMixin, FormView):
    """A network member with a confirmed NHS address offers to co-facilitate or co-write a
    course; staff decide in admin."""

    template_name = "training/facilitate.html"
    form_class = FacilitatorOfferForm

    def dispatch(self, request, *args, **kwargs):
        self.course = get_object_or_404(Course, slug=kwargs["slug"], is_active=True)
        if request.user.is_authenticated and not (
            is_verified_trainee(request.user) and is_network_member(request.user)
        ):
            return TemplateResponse(
                request,
                "training/facilitate_not_allowed.html",
                {
                    "course": self.course,
                    "allowed_domains": settings.ALLOWED_TRAINEE_EMAIL_DOMAINS,
                    "breadcrumbs": TRAINING_CRUMBS,
                },
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            course=self.course,
            offer=FacilitatorOffer.objects.filter(
                course=self.course, user=self.request.user
            ).first(),
            breadcrumbs=TRAINING_CRUMBS,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.offer_to_facilitate(
                user=self.request.user, course_id=self.course.pk, **form.cleaned_data
            )
        except services.FacilitatorError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Thank you for offering to help with {self.course.name}. We will email you when "
            "the course team has decided.",
        )
        return redirect("/your-network/#facilitating")


@method_decorator(never_cache, name="dispatch")
class TeachingRecordView(LoginRequiredMixin, TemplateView):
    """A facilitator's record of one session for their portfolio: the session, their role and,
    once it has ended, its anonymous feedback summary (numbers only, above the minimum)."""

    template_name = "training/teaching_record.html"

    def get_context_data(self, **kwargs):
        assignment = get_object_or_404(
            SessionFacilitator.objects.select_related("session__course", "offer"),
            pk=self.kwargs["pk"],
            offer__user=self.request.user,
        )
        session = assignment.session
        ended = session.has_ended() and not session.is_cancelled
        return super().get_context_data(
            assignment=assignment,
            session=session,
            ended=ended,
            summary=session_feedback_summary(session) if ended else None,
            breadcrumbs=[("Home", "/"), ("Your network", "/your-network/")],
            **kwargs,
        )


class RequestTrainingRecordFormView(FormView):
    form_class = TrainingRecordRequestForm

    def form_valid(self, form):
        services.send_training_record_link(email=form.cleaned_data["email"])
        # The same answer for every address, booked or not.
        return redirect("training:record_sent")


class TrainingRecordRequestView(RateLimitedFormMixin, RequestTrainingRecordFormView):
    """People without an account ask for their training record by email."""

    template_name = "training/record_request.html"
    rate_limit = "10/h"
    extra_context = {"breadcrumbs": TRAINING_CRUMBS, "days": RECORD_LINK_DAYS}


class TrainingRecordSentView(TemplateView):
    template_name = "training/record_sent.html"
    extra_context = {"breadcrumbs": TRAINING_CRUMBS, "days": RECORD_LINK_DAYS}


@method_decorator(never_cache, name="dispatch")
class TrainingRecordLinkView(SecretLinkMixin, TemplateView):
    """The record of the bookings under the address a signed link was emailed to (those no
    account holds), until the link expires."""

    template_name = "training/record.html"

    def find_by_secret(self, token):
        return address_from_token(token)

    def bookings(self):
        return attended(unlinked_under(self.found))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **record_context(self.bookings()),
            pdf_url=reverse("training:record_pdf", kwargs={"token": self.kwargs["token"]}),
            breadcrumbs=TRAINING_CRUMBS,
            **kwargs,
        )


class TrainingRecordLinkPdfView(TrainingRecordLinkView):
    def get(self, request, *args, **kwargs):
        return record_pdf_response(self.bookings())
