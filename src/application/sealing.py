"""An eventsourcing Application that stores the OMS's value types, personal data sealed.

The OMS application is one; so are the event stores the tests write to directly.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, Mapper

from application.personal_data import PersonalMapper, Sealer
from application.personal_keys import keys_for, store_keys_with_events
from application.transcodings import Transcoder, all_transcodings


class SealingApplication(Application):
    def __init__(self, env: Any = None) -> None:
        self.sealer = Sealer()  # its keys live beside the events, once the store is open
        super().__init__(env)
        self.sealer.keys = keys_for(self.recorder)
        store_keys_with_events(self.recorder, self.sealer.keys, self.sealer)

    def construct_transcoder(self) -> Transcoder:
        transcoder = Transcoder()
        self.register_transcodings(transcoder)
        return transcoder

    def construct_mapper(self) -> Mapper[UUID]:
        mapper = self.factory.mapper(self.construct_transcoder(), mapper_class=PersonalMapper)
        assert isinstance(mapper, PersonalMapper)
        mapper.sealer = self.sealer
        return mapper

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in all_transcodings(self.sealer):
            transcoder.register(transcoding)
