/* gloss-anchor.h: re-attaching annotations to a changed article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a stored target was found in the current text. Kept apart from the annotation's own
 * state enum so that this engine depends on nothing but GLib. */
typedef enum
{
  GLOSS_ANCHOR_MATCH_EXACT,      /* same quote at the same offsets */
  GLOSS_ANCHOR_MATCH_MOVED,      /* same quote (up to typography), context agrees, elsewhere */
  GLOSS_ANCHOR_MATCH_FUZZY,      /* attached to a changed passage; flagged for review */
  GLOSS_ANCHOR_MATCH_SUGGESTED,  /* not attached; a candidate is offered */
  GLOSS_ANCHOR_MATCH_ORPHANED,   /* not found */
} GlossAnchorMatch;

/* What an annotation stored: offsets in code points over the text it was made on, and
 * the W3C TextQuoteSelector (prefix and suffix may be NULL or empty). */
typedef struct
{
  const char *exact;
  const char *prefix;
  const char *suffix;
  guint       start;
  guint       end;
} GlossAnchorTarget;

/* Offsets in code points over the current text; unset (0) when orphaned. @score is the
 * evidence in [0, 1]: quote similarity weighed with context agreement. */
typedef struct
{
  GlossAnchorMatch match;
  guint            start;
  guint            end;
  double           score;
} GlossAnchorResult;

typedef struct _GlossAnchorer GlossAnchorer;

const char    *gloss_anchor_match_to_string      (GlossAnchorMatch         match);
gboolean       gloss_anchor_match_is_attached    (GlossAnchorMatch         match);

GlossAnchorer *gloss_anchorer_new                (const char              *text,
                                                  gssize                   text_bytes);
void           gloss_anchorer_free               (GlossAnchorer           *self);
guint          gloss_anchorer_get_length         (GlossAnchorer           *self);
void           gloss_anchorer_resolve            (GlossAnchorer           *self,
                                                  const GlossAnchorTarget *target,
                                                  GlossAnchorResult       *result);
void           gloss_anchorer_resolve_all        (GlossAnchorer           *self,
                                                  const GlossAnchorTarget *targets,
                                                  guint                    n_targets,
                                                  GlossAnchorResult       *results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossAnchorer, gloss_anchorer_free)

G_END_DECLS
