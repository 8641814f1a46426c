"""The life of an item, from draft to the joint reading's word on it: every status, and which rule reads which.

Several rules ask "is this item still live?" and each means something else by it: the table's map counts what
the joint reading adopted but not what it set aside, the plenary walks through both, a member's count of what
they sent keeps what a moderator later merged or rejected. So each rule has its own named set below, even where
two happen to hold the same statuses today: changing one rule must not quietly change another.

The names are the values the store keeps (the ``contributions.status`` CHECK in the migrations allows exactly
``ALL``); ``reports/`` keeps its own copy of the statuses it prints, since it imports nothing of the bot.
"""

from __future__ import annotations

DRAFT = "draft"
SUBMITTED = "submitted"              # sent by its author, waiting for the table's moderators
APPROVED = "approved"                # a moderator accepted it
MERGED = "merged"                    # folded into another item, which carries its authors on
REJECTED = "rejected"                # a moderator turned it down (off-topic, abusive), with a reason
WITHDRAWN = "withdrawn"              # its author took it back
ADOPTED = "adopted"                  # the joint reading's outcomes, for recommendations
ADOPTED_AMENDED = "adopted_amended"
SET_ASIDE = "set_aside"

# In the order of the schema's CHECK constraint.
ALL: tuple[str, ...] = (DRAFT, SUBMITTED, APPROVED, MERGED, REJECTED, WITHDRAWN, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# Waiting for a moderator's first decision: what the review queue offers next, and the only status that
# "approve" applies to.
AWAITING_REVIEW: tuple[str, ...] = (SUBMITTED,)

# Sent and not yet turned down, merged away or read in plenary: the table's moderators may still edit, reject
# or merge such an item (or merge another into it), and the table's rapporteur may take it into the table's
# own recommendation.
IN_REVIEW: tuple[str, ...] = (SUBMITTED, APPROVED)

# Its own author may still edit or withdraw it (while its kind can still be sent).
CHANGEABLE: tuple[str, ...] = (SUBMITTED, APPROVED)

# Already sent, for the others to read in the briefing and to link their own items to.
SHARED: tuple[str, ...] = (SUBMITTED, APPROVED)

# Counted on a table's map (level x dimension) of what came in, and so in which cells are still empty: what
# the joint reading set aside no longer fills its cell.
ON_THE_MAP: tuple[str, ...] = (SUBMITTED, APPROVED, ADOPTED, ADOPTED_AMENDED)

# Recommendations the plenary and the joint reading walk through, read or not yet; a consolidated
# recommendation in one of these stands for the members' items it took in.
IN_PLENARY: tuple[str, ...] = (SUBMITTED, APPROVED, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# What the secretariat's progress counts as produced so far: everything that was not withdrawn, merged away or
# rejected, whatever the joint reading later made of it.
COUNTED_AS_PROGRESS: tuple[str, ...] = (SUBMITTED, APPROVED, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# A table's consolidated recommendations on its rapporteur's desk: all but those that left the table's hands.
ON_THE_DESK: tuple[str, ...] = (DRAFT, SUBMITTED, APPROVED, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# What a member has sent, as the table's member list counts it: a merge or a rejection later does not
# take back that they sent it.
SENT: tuple[str, ...] = (SUBMITTED, APPROVED, MERGED, REJECTED, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# What the roadmap, the minutes and the exports are built from (they decide themselves what of a merged or
# rejected item they print): only drafts and withdrawn items never reach a document.
IN_REPORTS: tuple[str, ...] = (SUBMITTED, APPROVED, MERGED, REJECTED, ADOPTED, ADOPTED_AMENDED, SET_ASIDE)

# The joint reading's word on a recommendation: it is read once one of these is recorded.
READING_OUTCOMES: tuple[str, ...] = (ADOPTED, ADOPTED_AMENDED, SET_ASIDE)
