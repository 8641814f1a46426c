"""Reports built from plain data (`reports.model`): the roadmap PDF (`reports.roadmap.build_roadmap`), a working
table's minutes (`reports.minutes.build_minutes`) and the data exports (`reports.exports`). Nothing here knows
Telegram or the database; `bot/roadmap_data.py` maps the store to the model. PDF builds are CPU-bound and
blocking: call them through `asyncio.to_thread`."""
