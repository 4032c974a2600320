/* gloss-compare-marks.c: the passages one column shares with the others, marked in its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object per column. It marks the shared passages of a GlossComparison in the column's
 * text buffer with underlines (highlights are backgrounds, so the two never hide each
 * other), the words another article has differently with a wavy line, and the passage
 * the pointer is over, or that was activated, with a light wash under every other tag, so
 * that highlights still show their own colour. It tells the window which
 * passage is hovered or activated; the window marks the counterparts in the other columns
 * and lines them up.
 */

#define G_LOG_DOMAIN "gloss-compare-marks"

#include "config.h"

#include <adwaita.h>

#include "gloss-compare-annotate-popover.h"
#include "gloss-compare-marks.h"

#define N_MARKS (GLOSS_COMPARE_MARK_DIMMED + 1)
/* A release this close to its press is a click, not a drag that selects. */
#define CLICK_SLOP 4.0
/* How many spans of other passages to pass over, looking for one both columns have. */
#define FOLLOW_SEARCH 64

struct _GlossCompareMarks
{
  GObject             parent_instance;

  GtkTextView        *text_view;
  GtkTextBuffer      *buffer;
  GtkTextTag         *tags[N_MARKS];
  GlossComparison    *comparison;
  guint               article;
  gboolean            unique;
  int                 marked;   /* passage with the counterpart tag, or -1 */
  int                 hovered;  /* passage under the pointer, or -1 */

  GCancellable       *cancellable;  /* of the thread finding changed words */

  GtkEventController *motion;
  GtkEventController *keys;
  GtkEventController *pointer;
  GtkWidget          *annotate_popover;  /* made when first needed */
  double              press_x;
  double              press_y;
};

G_DEFINE_FINAL_TYPE (GlossCompareMarks, gloss_compare_marks, G_TYPE_OBJECT)

enum {
  HOVERED,
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_colors (GlossCompareMarks *self)
{
  GtkStyleContext *context;
  GdkRGBA foreground, accent, warning, shared, wash, dimmed;

  if (self->tags[0] == NULL)
    return;

  context = gtk_widget_get_style_context (GTK_WIDGET (self->text_view));
  gtk_style_context_get_color (context, &foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = foreground;
  if (!gtk_style_context_lookup_color (context, "warning_color", &warning))
    warning = accent;

  shared = accent;
  shared.alpha = 0.55f;
  wash = accent;
  wash.alpha = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.2f : 0.12f;
  dimmed = foreground;
  dimmed.alpha = 0.35f;

  g_object_set (self->tags[GLOSS_COMPARE_MARK_SHARED], "underline-rgba", &shared, NULL);
  g_object_set (self->tags[GLOSS_COMPARE_MARK_CHANGED], "underline-rgba", &warning, NULL);
  g_object_set (self->tags[GLOSS_COMPARE_MARK_COUNTERPART],
                "underline-rgba", &accent, "background-rgba", &wash, NULL);
  g_object_set (self->tags[GLOSS_COMPARE_MARK_DIMMED], "foreground-rgba", &dimmed, NULL);
}

/* Below every other tag, so that highlights (backgrounds), notes and links (lines) show
 * over the marks; only the dimming goes above everything. */
static void
order_tags (GlossCompareMarks *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  int top = gtk_text_tag_table_get_size (table) - 1;

  gtk_text_tag_set_priority (self->tags[GLOSS_COMPARE_MARK_CHANGED], 0);
  gtk_text_tag_set_priority (self->tags[GLOSS_COMPARE_MARK_COUNTERPART], 0);
  gtk_text_tag_set_priority (self->tags[GLOSS_COMPARE_MARK_SHARED], 0);
  gtk_text_tag_set_priority (self->tags[GLOSS_COMPARE_MARK_DIMMED], top);
}

static void
remove_tag (GlossCompareMarks *self,
            GtkTextTag        *tag)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, tag, &start, &end);
}

static void
apply_range (GlossCompareMarks *self,
             GtkTextTag        *tag,
             guint              start,
             guint              end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, (int) end);
  gtk_text_buffer_apply_tag (self->buffer, tag, &a, &b);
}

static const GlossSharedSpan *
get_spans (GlossCompareMarks *self,
           guint             *n_spans)
{
  *n_spans = 0;
  if (self->comparison == NULL)
    return NULL;

  return gloss_comparison_get_shared_spans (self->comparison, self->article, n_spans);
}

static void
apply_spans (GlossCompareMarks *self,
             GtkTextTag        *tag)
{
  const GlossSharedSpan *spans;
  guint n_spans;

  spans = get_spans (self, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    apply_range (self, tag, spans[i].start, spans[i].end);
}

/* The words of each passage that some other article has differently, or not at all, as
 * code point pairs. Run in a thread: on long articles the diffs take a while, and the
 * comparison's passages can be read from any thread. */
static void
find_changes_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GlossComparison *comparison = task_data;
  guint article = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "article"));
  guint n = gloss_comparison_get_n_passages (comparison);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < n; p++)
    {
      GlossSharedPassage *passage = gloss_comparison_get_passage (comparison, p);
      const GlossPassageSpan *spans;
      guint n_spans;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (!gloss_shared_passage_has_article (passage, article) ||
          gloss_shared_passage_get_similarity (passage) >= 1.0)
        continue;

      spans = gloss_shared_passage_get_spans (passage, &n_spans);
      for (guint s = 0; s < n_spans; s++)
        {
          g_autoptr(GArray) ops = NULL;
          gboolean seen = FALSE;

          /* each other article once: its first span is what the diff compares with */
          for (guint t = 0; t < s; t++)
            seen |= spans[t].article == spans[s].article;
          if (spans[s].article == article || seen)
            continue;

          ops = gloss_shared_passage_dup_diff (passage, article, spans[s].article);
          for (guint o = 0; ops != NULL && o < ops->len; o++)
            {
              const GlossWordDiffOp *op = &g_array_index (ops, GlossWordDiffOp, o);

              if (op->kind != GLOSS_WORD_DIFF_EQUAL && op->a_end > op->a_start)
                {
                  g_array_append_val (ranges, op->a_start);
                  g_array_append_val (ranges, op->a_end);
                }
            }
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&ranges), (GDestroyNotify) g_array_unref);
}

static void
on_changes_found (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GlossCompareMarks) self = g_weak_ref_get (weak);
  g_autoptr(GArray) ranges = g_task_propagate_pointer (G_TASK (result), NULL);

  g_weak_ref_clear (weak);
  g_free (weak);

  /* cancelled: the marks were cleared, or are of another comparison now */
  if (self == NULL || ranges == NULL || self->tags[0] == NULL)
    return;

  for (guint i = 0; i + 1 < ranges->len; i += 2)
    apply_range (self, self->tags[GLOSS_COMPARE_MARK_CHANGED],
                 g_array_index (ranges, guint, i), g_array_index (ranges, guint, i + 1));
}

static void
find_changes (GlossCompareMarks *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  /* not a reference: the column going should not wait for the thread */
  g_weak_ref_init (weak, self);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_changes_found, weak);
  g_task_set_source_tag (task, find_changes);
  g_task_set_task_data (task, g_object_ref (self->comparison), g_object_unref);
  g_object_set_data (G_OBJECT (task), "article", GUINT_TO_POINTER (self->article));
  g_task_run_in_thread (task, find_changes_thread);
}

static void
cancel_changes (GlossCompareMarks *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
clear_all (GlossCompareMarks *self)
{
  if (self->buffer == NULL || self->tags[0] == NULL)
    return;

  for (guint i = 0; i < N_MARKS; i++)
    remove_tag (self, self->tags[i]);
}

static void
paint (GlossCompareMarks *self)
{
  if (self->buffer == NULL || self->tags[0] == NULL)
    return;

  cancel_changes (self);
  clear_all (self);
  self->marked = -1;
  if (self->comparison == NULL)
    return;

  update_colors (self);
  order_tags (self);
  apply_spans (self, self->tags[GLOSS_COMPARE_MARK_SHARED]);
  if (self->unique)
    apply_spans (self, self->tags[GLOSS_COMPARE_MARK_DIMMED]);
  find_changes (self);
}

static void
drop_buffer (GlossCompareMarks *self)
{
  if (self->buffer == NULL)
    return;

  if (self->tags[0] != NULL)
    {
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

      clear_all (self);
      for (guint i = 0; i < N_MARKS; i++)
        {
          gtk_text_tag_table_remove (table, self->tags[i]);
          self->tags[i] = NULL;
        }
    }
  g_clear_object (&self->buffer);
}

/* A new buffer is a new text (the article was read again): the window compares again. */
static void
on_buffer_changed (GlossCompareMarks *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextTagTable *table;

  if (buffer == self->buffer)
    return;

  cancel_changes (self);
  drop_buffer (self);
  g_clear_object (&self->comparison);
  self->marked = self->hovered = -1;

  self->buffer = g_object_ref (buffer);
  table = gtk_text_buffer_get_tag_table (buffer);
  self->tags[GLOSS_COMPARE_MARK_SHARED] =
    g_object_new (GTK_TYPE_TEXT_TAG, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->tags[GLOSS_COMPARE_MARK_CHANGED] =
    g_object_new (GTK_TYPE_TEXT_TAG, "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->tags[GLOSS_COMPARE_MARK_COUNTERPART] =
    g_object_new (GTK_TYPE_TEXT_TAG, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  self->tags[GLOSS_COMPARE_MARK_DIMMED] = g_object_new (GTK_TYPE_TEXT_TAG, NULL);
  for (guint i = 0; i < N_MARKS; i++)
    {
      gtk_text_tag_table_add (table, self->tags[i]);
      g_object_unref (self->tags[i]);
    }
  update_colors (self);
}

static int
passage_at_point (GlossCompareMarks *self,
                  double             x,
                  double             y)
{
  GtkTextIter iter;
  int bx, by;

  if (self->comparison == NULL)
    return -1;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return -1;

  return gloss_compare_marks_passage_at (self, gtk_text_iter_get_offset (&iter));
}

static void
set_hovered (GlossCompareMarks *self,
             int                passage)
{
  if (self->hovered == passage)
    return;

  self->hovered = passage;
  g_signal_emit (self, signals[HOVERED], 0, passage);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           GlossCompareMarks        *self)
{
  set_hovered (self, passage_at_point (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          GlossCompareMarks        *self)
{
  set_hovered (self, -1);
}

static int
passage_at_cursor (GlossCompareMarks *self)
{
  GtkTextIter iter;

  if (self->buffer == NULL)
    return -1;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  return gloss_compare_marks_passage_at (self, gtk_text_iter_get_offset (&iter));
}

/* Enter activates the passage at the caret, and still reaches the annotator, which opens
 * a highlight there. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossCompareMarks     *self)
{
  int passage;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  passage = passage_at_cursor (self);
  if (passage >= 0)
    g_signal_emit (self, signals[ACTIVATED], 0, passage);

  return GDK_EVENT_PROPAGATE;
}

/* Event positions are in the surface; the text view wants its own. */
static gboolean
event_position (GlossCompareMarks *self,
                GdkEvent          *event,
                double            *x,
                double            *y)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self->text_view));
  double ex, ey, nx, ny;

  if (native == NULL || !gdk_event_get_position (event, &ex, &ey))
    return FALSE;
  gtk_native_get_surface_transform (native, &nx, &ny);
  return gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self->text_view),
                                           ex - nx, ey - ny, x, y);
}

/* A right click on a shared passage puts the caret there, unless it is in the selection:
 * the context menu's "Highlight in Every Article" acts on the passage at the caret. */
static void
place_caret_for_menu (GlossCompareMarks *self,
                      GdkEvent          *event)
{
  GtkTextIter iter, start, end;
  double x, y;
  int bx, by;

  if (self->comparison == NULL || !event_position (self, event, &x, &y))
    return;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by) ||
      gloss_compare_marks_passage_at (self, gtk_text_iter_get_offset (&iter)) < 0)
    return;
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end) &&
      gtk_text_iter_in_range (&iter, &start, &end))
    return;

  gtk_text_buffer_place_cursor (self->buffer, &iter);
}

/* Watched, not handled: the text view's own gestures claim the presses. */
static gboolean
on_pointer_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  GlossCompareMarks        *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;
  int passage;

  if (type == GDK_BUTTON_PRESS && gdk_button_event_get_button (event) == GDK_BUTTON_SECONDARY)
    {
      place_caret_for_menu (self, event);
      return GDK_EVENT_PROPAGATE;
    }

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE) ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY ||
      (gdk_event_get_modifier_state (event) & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0 ||
      !event_position (self, event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  if (type == GDK_BUTTON_PRESS)
    {
      self->press_x = x;
      self->press_y = y;
      return GDK_EVENT_PROPAGATE;
    }

  if (ABS (x - self->press_x) > CLICK_SLOP || ABS (y - self->press_y) > CLICK_SLOP)
    return GDK_EVENT_PROPAGATE;

  passage = passage_at_point (self, x, y);
  if (passage >= 0)
    g_signal_emit (self, signals[ACTIVATED], 0, passage);

  return GDK_EVENT_PROPAGATE;
}

static void
gloss_compare_marks_dispose (GObject *object)
{
  GlossCompareMarks *self = GLOSS_COMPARE_MARKS (object);

  if (self->text_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->text_view, self);
      gtk_widget_remove_controller (GTK_WIDGET (self->text_view), self->motion);
      gtk_widget_remove_controller (GTK_WIDGET (self->text_view), self->keys);
      gtk_widget_remove_controller (GTK_WIDGET (self->text_view), self->pointer);
    }
  g_clear_pointer (&self->annotate_popover, gtk_widget_unparent);
  cancel_changes (self);
  drop_buffer (self);
  g_clear_object (&self->comparison);
  g_clear_object (&self->text_view);

  G_OBJECT_CLASS (gloss_compare_marks_parent_class)->dispose (object);
}

static void
gloss_compare_marks_class_init (GlossCompareMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_compare_marks_dispose;

  /**
   * GlossCompareMarks::hovered:
   * @passage: the passage under the pointer, or -1 when it left one
   */
  signals[HOVERED] =
    g_signal_new ("hovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * GlossCompareMarks::activated:
   * @passage: a passage clicked, or at the caret when Enter was pressed
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
gloss_compare_marks_init (GlossCompareMarks *self)
{
  self->marked = -1;
  self->hovered = -1;
}

/**
 * gloss_compare_marks_new:
 * @text_view: a column's text view; the marks follow its buffer
 */
GlossCompareMarks *
gloss_compare_marks_new (GtkTextView *text_view)
{
  GlossCompareMarks *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (text_view), NULL);

  self = g_object_new (GLOSS_TYPE_COMPARE_MARKS, NULL);
  self->text_view = g_object_ref (text_view);
  g_signal_connect_object (text_view, "notify::buffer", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colors), self, G_CONNECT_SWAPPED);

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (self->motion, "motion", G_CALLBACK (on_motion), self, 0);
  g_signal_connect_object (self->motion, "leave", G_CALLBACK (on_leave), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text_view), self->motion);

  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text_view), self->keys);

  self->pointer = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->pointer, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->pointer, "event", G_CALLBACK (on_pointer_event), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text_view), self->pointer);

  /* parented now, while the text view is not shown: parenting a popover to a shown text
   * view makes GTK 4.8 paint the text view once before allocating it again */
  self->annotate_popover = gloss_compare_annotate_popover_new ();
  gtk_widget_set_parent (self->annotate_popover, GTK_WIDGET (text_view));
  gloss_compare_annotate_add_menu_item (text_view);
  on_buffer_changed (self);

  return self;
}

/**
 * gloss_compare_marks_set_comparison:
 * @comparison: (nullable): what the open articles share, or %NULL to remove the marks
 * @article: which of @comparison's articles this column shows
 *
 * The comparison must be of the text in the buffer now.
 */
void
gloss_compare_marks_set_comparison (GlossCompareMarks *self,
                                    GlossComparison   *comparison,
                                    guint              article)
{
  g_return_if_fail (GLOSS_IS_COMPARE_MARKS (self));
  g_return_if_fail (comparison == NULL || GLOSS_IS_COMPARISON (comparison));
  g_return_if_fail (comparison == NULL || article < gloss_comparison_get_n_articles (comparison));

  if (comparison == NULL && self->comparison == NULL)
    return;

  g_set_object (&self->comparison, comparison);
  self->article = article;
  self->hovered = -1;
  paint (self);
}

/* Returns: (nullable) (transfer none): the comparison marked */
GlossComparison *
gloss_compare_marks_get_comparison (GlossCompareMarks *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), NULL);

  return self->comparison;
}

/* Which of the comparison's articles this column is. */
guint
gloss_compare_marks_get_article (GlossCompareMarks *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), 0);

  return self->article;
}

/* Dims the shared text, so that what only this article says stands out. */
void
gloss_compare_marks_set_unique (GlossCompareMarks *self,
                                gboolean           unique)
{
  g_return_if_fail (GLOSS_IS_COMPARE_MARKS (self));

  unique = !!unique;
  if (self->unique == unique)
    return;

  self->unique = unique;
  if (self->buffer == NULL || self->tags[0] == NULL)
    return;

  if (unique)
    apply_spans (self, self->tags[GLOSS_COMPARE_MARK_DIMMED]);
  else
    remove_tag (self, self->tags[GLOSS_COMPARE_MARK_DIMMED]);
}

/* Returns: the passage at code point @offset of the text, or -1 */
int
gloss_compare_marks_passage_at (GlossCompareMarks *self,
                                guint              offset)
{
  const GlossSharedSpan *spans;
  guint n_spans, lo = 0, hi;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), -1);

  spans = get_spans (self, &n_spans);
  hi = n_spans;
  /* the first span that starts after @offset */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* spans of different passages may overlap a little: look back a few */
  for (guint i = lo; i-- > 0 && i + 4 >= lo;)
    if (offset < spans[i].end)
      return (int) spans[i].passage;

  return -1;
}

/**
 * gloss_compare_marks_mark_passage:
 * @passage: a passage of the comparison, or -1
 *
 * Marks @passage in this column, if it is here, more strongly than the other shared text:
 * it is the one hovered or activated in some column.
 */
void
gloss_compare_marks_mark_passage (GlossCompareMarks *self,
                                  int                passage)
{
  const GlossSharedSpan *spans;
  guint n_spans;

  g_return_if_fail (GLOSS_IS_COMPARE_MARKS (self));

  if (self->marked == passage || self->tags[0] == NULL)
    return;

  remove_tag (self, self->tags[GLOSS_COMPARE_MARK_COUNTERPART]);
  self->marked = passage;
  spans = get_spans (self, &n_spans);
  for (guint i = 0; passage >= 0 && i < n_spans; i++)
    if (spans[i].passage == (guint) passage)
      apply_range (self, self->tags[GLOSS_COMPARE_MARK_COUNTERPART], spans[i].start,
                   spans[i].end);
}

/* Returns: the passage marked strongly here, or -1 */
int
gloss_compare_marks_get_marked (GlossCompareMarks *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), -1);

  return self->marked;
}

/**
 * gloss_compare_marks_step:
 * @direction: 1 for the next shared passage after the caret, -1 for the previous one
 *
 * Puts the caret at the start of the next or previous shared passage, wrapping around,
 * and scrolls it into view near the top.
 *
 * Returns: the passage the caret moved to, or -1 if there is none
 */
int
gloss_compare_marks_step (GlossCompareMarks *self,
                          int                direction)
{
  const GlossSharedSpan *spans;
  guint n_spans, offset;
  int found = -1;
  GtkTextIter iter;
  GdkRectangle rect;
  GtkAdjustment *adjustment;
  double value;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), -1);

  spans = get_spans (self, &n_spans);
  if (n_spans == 0)
    return -1;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  offset = gtk_text_iter_get_offset (&iter);
  for (guint i = 0; i < n_spans; i++)
    {
      guint k = direction > 0 ? i : n_spans - 1 - i;

      if (direction > 0 ? spans[k].start > offset : spans[k].start < offset)
        {
          found = (int) k;
          break;
        }
    }
  if (found < 0)
    found = direction > 0 ? 0 : (int) n_spans - 1;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, (int) spans[found].start);
  gtk_text_buffer_place_cursor (self->buffer, &iter);

  /* scrolled here, not with gtk_text_view_scroll_to_mark (), which waits for an idle: the
   * other columns are lined up with this one right away */
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  value = rect.y - GLOSS_COMPARE_MARKS_ANCHOR * gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, value);

  return (int) spans[found].passage;
}

/**
 * gloss_compare_marks_get_extent:
 * @y: (out): where @passage starts in this column, in buffer coordinates
 * @height: (out): its height
 *
 * Returns: whether @passage is in this column
 */
gboolean
gloss_compare_marks_get_extent (GlossCompareMarks *self,
                                guint              passage,
                                int               *y,
                                int               *height)
{
  const GlossPassageSpan *span;
  GtkTextIter start, end;
  GdkRectangle a, b;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), FALSE);

  if (self->comparison == NULL || passage >= gloss_comparison_get_n_passages (self->comparison))
    return FALSE;

  span = gloss_shared_passage_get_span_in (gloss_comparison_get_passage (self->comparison,
                                                                         passage),
                                           self->article);
  if (span == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) span->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) span->end);
  gtk_text_view_get_iter_location (self->text_view, &start, &a);
  gtk_text_view_get_iter_location (self->text_view, &end, &b);
  *y = a.y;
  *height = MAX (1, b.y + b.height - a.y);
  return TRUE;
}

static void
scroll_to (GlossCompareMarks *self,
           double             value)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

  gtk_adjustment_set_value (adjustment, value);
}

static double
get_scroll (GlossCompareMarks *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

  return gtk_adjustment_get_value (adjustment);
}

/**
 * gloss_compare_marks_align_to:
 * @source: another column's marks, of the same comparison
 *
 * Scrolls this column so that @passage is level with where it is in @source, as far as
 * the column can scroll.
 *
 * Returns: whether @passage is in both columns
 */
gboolean
gloss_compare_marks_align_to (GlossCompareMarks *self,
                              GlossCompareMarks *source,
                              guint              passage)
{
  int sy, sh, y, h;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (source), FALSE);

  if (!gloss_compare_marks_get_extent (source, passage, &sy, &sh) ||
      !gloss_compare_marks_get_extent (self, passage, &y, &h))
    return FALSE;

  /* both text views have the same margins, so buffer coordinates compare directly */
  scroll_to (self, y - (sy - get_scroll (source)));
  return TRUE;
}

/* Where the span [@start, @end) is in this column, in buffer coordinates: from the top of
 * its first line to the bottom of its last. */
static void
span_extent (GlossCompareMarks *self,
             guint              start,
             guint              end,
             double            *y0,
             double            *y1)
{
  GtkTextIter a, b;
  GdkRectangle ra, rb;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, (int) MAX (start, end - (end > 0)));
  gtk_text_view_get_iter_location (self->text_view, &a, &ra);
  gtk_text_view_get_iter_location (self->text_view, &b, &rb);
  *y0 = ra.y;
  *y1 = MAX (rb.y + rb.height, ra.y + 1);
}

/* A passage of @source that this column has too, with where it is in both. */
typedef struct
{
  double sy0, sy1;  /* in @source */
  double y0, y1;    /* here */
} Knot;

static gboolean
find_knot (GlossCompareMarks     *self,
           GlossCompareMarks     *source,
           const GlossSharedSpan *spans,
           guint                  n_spans,
           guint                  from,
           int                    direction,
           Knot                  *knot)
{
  for (guint i = from, tries = 0; i < n_spans && tries < FOLLOW_SEARCH; i += direction, tries++)
    {
      GlossSharedPassage *passage = gloss_comparison_get_passage (self->comparison,
                                                                  spans[i].passage);
      const GlossPassageSpan *here = gloss_shared_passage_get_span_in (passage, self->article);

      if (here == NULL)
        continue;
      span_extent (source, spans[i].start, spans[i].end, &knot->sy0, &knot->sy1);
      span_extent (self, here->start, here->end, &knot->y0, &knot->y1);
      return TRUE;
    }

  return FALSE;
}

/**
 * gloss_compare_marks_follow:
 * @source: the column being scrolled
 *
 * Scrolls this column along with @source so that the passages they share are level as
 * they pass the reading line, GLOSS_COMPARE_MARKS_ANCHOR of the way down @source, as Meld
 * keeps matching chunks level: through a passage at its pace in each column, and between
 * two passages at the pace that brings the next one level when it gets there.
 *
 * Returns: whether the columns share a passage; if not, the caller scrolls some other way
 */
gboolean
gloss_compare_marks_follow (GlossCompareMarks *self,
                            GlossCompareMarks *source)
{
  const GlossSharedSpan *spans;
  GtkAdjustment *adjustment;
  GtkTextIter iter;
  Knot prev, next;
  gboolean has_prev, has_next;
  guint n_spans, offset, lo = 0, hi;
  double top, anchor, target;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (source), FALSE);

  spans = get_spans (source, &n_spans);
  if (n_spans == 0 || self->comparison == NULL || self->comparison != source->comparison ||
      self->buffer == NULL)
    return FALSE;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (source->text_view));
  top = gtk_adjustment_get_value (adjustment);
  anchor = top + GLOSS_COMPARE_MARKS_ANCHOR * gtk_adjustment_get_page_size (adjustment);
  gtk_text_view_get_iter_at_location (source->text_view, &iter, 0, (int) anchor);
  offset = gtk_text_iter_get_offset (&iter);

  /* the first span that starts after the line at the anchor */
  hi = n_spans;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  has_prev = lo > 0 && find_knot (self, source, spans, n_spans, lo - 1, -1, &prev);
  has_next = find_knot (self, source, spans, n_spans, lo, 1, &next);
  if (!has_prev && !has_next)
    return FALSE;

  /* a passage that starts on the anchor's line, after its start, is the one there */
  if (has_next && anchor >= next.sy0)
    {
      prev = next;
      has_prev = TRUE;
      has_next = lo + 1 < n_spans && find_knot (self, source, spans, n_spans, lo + 1, 1, &next);
    }

  if (has_prev && anchor < prev.sy1)
    /* in a passage: through it at its pace here */
    target = prev.y0 + CLAMP ((anchor - prev.sy0) / (prev.sy1 - prev.sy0), 0.0, 1.0) *
                       (prev.y1 - prev.y0);
  else if (has_prev && has_next && prev.y1 <= next.y0 && next.sy0 > prev.sy1)
    /* between two passages in the same order here: from the end of one to the next */
    target = prev.y1 + CLAMP ((anchor - prev.sy1) / (next.sy0 - prev.sy1), 0.0, 1.0) *
                       (next.y0 - prev.y1);
  else if (has_prev && (!has_next || anchor - prev.sy1 <= next.sy0 - anchor))
    /* after the last one, or the order differs here: level with the nearer */
    target = prev.y1 + (anchor - prev.sy1);
  else
    target = next.y0 - (next.sy0 - anchor);

  scroll_to (self, target - (anchor - top));
  return TRUE;
}

/* Returns: (transfer none) (nullable): the tag of @mark, for tests */
GtkTextTag *
gloss_compare_marks_get_tag (GlossCompareMarks *self,
                             GlossCompareMark   mark)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), NULL);
  g_return_val_if_fail (mark < N_MARKS, NULL);

  return self->tags[mark];
}

/* Returns: the passage at the caret, or else the one hovered or activated if it is here;
 * or -1 */
int
gloss_compare_marks_get_target (GlossCompareMarks *self)
{
  const GlossSharedSpan *spans;
  guint n_spans;
  int passage;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), -1);

  if ((passage = passage_at_cursor (self)) >= 0)
    return passage;

  spans = get_spans (self, &n_spans);
  for (guint i = 0; self->marked >= 0 && i < n_spans; i++)
    if (spans[i].passage == (guint) self->marked)
      return self->marked;

  return -1;
}

/**
 * gloss_compare_marks_annotate:
 * @views: the window's columns, of #GlossArticleView
 * @history: (nullable): the window's history
 *
 * Opens the popover that highlights the target passage (see
 * gloss_compare_marks_get_target()) in every column at once, pointing at it in this one.
 *
 * Returns: whether there is such a passage
 */
gboolean
gloss_compare_marks_annotate (GlossCompareMarks      *self,
                              GListModel             *views,
                              GlossAnnotationHistory *history)
{
  const GlossPassageSpan *span;
  GtkTextIter iter, cursor;
  GdkRectangle rect, visible;
  int passage, x, y;

  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (views), FALSE);

  passage = gloss_compare_marks_get_target (self);
  if (passage < 0 || self->buffer == NULL)
    return FALSE;

  gloss_compare_annotate_popover_setup (GLOSS_COMPARE_ANNOTATE_POPOVER (self->annotate_popover),
                                        views, self->comparison, (guint) passage, history);

  /* at the caret when it is in the passage, or else at the passage's start; clamped to
   * what is on screen */
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  span = gloss_shared_passage_get_span_in (gloss_comparison_get_passage (self->comparison,
                                                                         (guint) passage),
                                           self->article);
  if (passage_at_cursor (self) == passage || span == NULL)
    iter = cursor;
  else
    gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, (int) span->start);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  rect.y = CLAMP (rect.y, visible.y, visible.y + MAX (0, visible.height - rect.height));
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  rect.width = MAX (rect.width, 1);
  rect.height = MAX (rect.height, 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->annotate_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->annotate_popover));

  return TRUE;
}

/* Returns: (transfer none): the popover of gloss_compare_marks_annotate() */
GtkWidget *
gloss_compare_marks_get_annotate_popover (GlossCompareMarks *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_MARKS (self), NULL);

  return self->annotate_popover;
}
