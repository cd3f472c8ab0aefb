from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    verbose_name = "Peer support"

    def ready(self):
        from edi_portal import page_cache

        from .models import ContactRequest, Topic, VolunteerProfile, VolunteerTopic

        page_cache.watch(VolunteerProfile, Topic, VolunteerTopic, ContactRequest)
        # A listing lapses at the end of its last day; requests are counted per calendar month.
        page_cache.expires_at(page_cache.next_midnight)
