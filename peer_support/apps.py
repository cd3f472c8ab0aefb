from urllib.parse import urlencode

from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    verbose_name = "Peer support"

    def ready(self):
        from edi_portal import page_cache, retention
        from workstreams import search

        from . import services
        from .models import (
            TOPIC_SEARCH_FIELDS,
            ContactRequest,
            Topic,
            VolunteerProfile,
            VolunteerTopic,
        )

        page_cache.watch(VolunteerProfile, Topic, VolunteerTopic, ContactRequest)
        search.register(
            search.SearchSource(
                label="Peer support",
                queryset=lambda: Topic.objects.all(),
                fields=TOPIC_SEARCH_FIELDS,
                title=lambda topic: f"Peer supporters: {topic.name}",
                summary=lambda topic: (
                    "Trainees who volunteer to talk to other trainees about "
                    f"{topic.name[:1].lower()}{topic.name[1:]}. Sign in with your NHS email address "
                    "to see them."
                ),
                words="peer support: talk to a trainee with lived experience",
                # The directory, filtered to the topic; it asks anyone signed out to sign in.
                url=lambda topic: f"/peer-support/?{urlencode({'topic': topic.slug})}",
            )
        )
        # A listing lapses at the end of its last day; requests are counted per calendar month.
        # For every page (other lists lapse by the day too: a scheme's sign-up, a "you said").
        page_cache.expires_at(page_cache.next_midnight)
        retention.register(
            records="Contact requests to peer supporters, with the emails that relayed them",
            setting="PEER_SUPPORT_REQUEST_RETENTION_DAYS",
            after="it was sent",
            delete=services.delete_old_contact_requests,
        )
        retention.register(
            records="Volunteer profiles whose listing lapsed without renewal",
            setting="PEER_SUPPORT_LAPSED_PROFILE_DAYS",
            after="the listing lapsed",
            delete=services.delete_lapsed_profiles,
        )
