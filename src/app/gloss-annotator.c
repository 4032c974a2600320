/* gloss-annotator.c: highlighting, tagging and noting in one article's text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ties a column's text view to its article's annotation set: a small popover next to a
 * selection (colours, Tag, Note, Copy), the keys H, 1–8, T, N and Enter, clicks on
 * highlights, undoable edits through the window's history, and saving: every change is
 * written to the sidecar GLOSS_ANNOTATOR_SAVE_DELAY_MS after it, and when the column goes.
 *
 * A save that fails (a full disk, say) keeps every change here, says why in the column's
 * banner, and is tried again every SAVE_RETRY_MS until it works. When the place of the
 * sidecar is taken by a symbolic link or a folder, which Gloss never writes through, the
 * annotations go to the fallback location (see gloss_sidecar_get_fallback()), and the
 * banner says where.
 */

#define G_LOG_DOMAIN "gloss-annotator"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-popover.h"
#include "gloss-annotator.h"
#include "gloss-highlighter.h"
#include "gloss-settings.h"
#include "gloss-sidecar.h"

/* How long a keyboard selection must rest before its popover shows. */
#define SELECTION_POPOVER_DELAY_MS 600
/* How long a changed sidecar must rest before it is read: writers may take a while. */
#define SIDECAR_SETTLE_MS 300
/* How often a save that failed is tried again. */
#define SAVE_RETRY_MS 2000

struct _GlossAnnotator
{
  GObject                 parent_instance;

  GtkTextView            *text_view;  /* not a reference: the column owns both */
  GtkTextBuffer          *buffer;
  GlossArticle           *article;
  GlossAnnotationSet     *set;
  GlossAnnotationHistory *history;
  GlossHighlighter       *highlighter;
  GListModel             *known_tags;
  char                   *problem;
  guint                   save_source;
  guint                   sidecar_source;
  GFileMonitor           *sidecar_monitor;
  guint                   selection_source;
  gboolean                pointer_down;
  double                  press_x;
  double                  press_y;
  guint                   click_offset;
  guint                   click_source;

  GtkWidget              *selection_popover;
  GtkWidget              *popover;    /* GlossAnnotationPopover */
  GtkEventController     *keys;
  GtkEventController     *pointer;
};

G_DEFINE_FINAL_TYPE (GlossAnnotator, gloss_annotator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_problem (GlossAnnotator *self,
             char           *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    {
      g_free (problem);
      return;
    }

  g_free (self->problem);
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static char *
sidecar_display_name (GlossAnnotationSet *set)
{
  g_autoptr(GFile) sidecar = gloss_annotation_set_get_sidecar_file (set, NULL);

  return sidecar != NULL ? g_file_get_parse_name (sidecar) : g_strdup ("");
}

static void watch_sidecar (GlossAnnotator *self);
static gboolean save_timeout (gpointer data);

/**
 * gloss_annotator_describe_fallback:
 *
 * Returns: (transfer full) (nullable): for the user, why the annotations of @set are not
 *   next to the article and where they are, when a save or a load found out; else %NULL
 */
char *
gloss_annotator_describe_fallback (GlossAnnotationSet *set)
{
  const GError *reason = gloss_annotation_set_get_fallback_reason (set);
  g_autofree char *where = NULL;

  if (reason == NULL)
    return NULL;

  where = sidecar_display_name (set);
  /* TRANSLATORS: the first %s says why, the second is a file */
  return g_strdup_printf (_("Your highlights cannot be saved next to the article (%s), so "
                            "they are saved in %s."), reason->message, where);
}

/* Writes what changed here and takes in what another writer saved (merging by annotation);
 * with @only_if_dirty, does nothing when nothing changed here. */
static gboolean
save (GlossAnnotator *self,
      gboolean        only_if_dirty)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  gboolean fallback, saved;
  guint merges;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (only_if_dirty && !gloss_annotation_set_get_dirty (self->set))
    return TRUE;

  where = sidecar_display_name (self->set);
  if (gloss_annotation_set_get_read_only (self->set))
    {
      const GError *load_error = gloss_annotation_set_get_load_error (self->set);

      if (!gloss_annotation_set_get_dirty (self->set))
        return FALSE;
      /* TRANSLATORS: %s is a file, then why it could not be read */
      set_problem (self, g_strdup_printf (_("%s could not be read (%s), and Gloss does not "
                                            "write over it: your new highlights are not "
                                            "saved. Export them, or repair the file."),
                                          where, load_error ? load_error->message : ""));
      return FALSE;
    }

  merges = gloss_annotation_set_get_merge_count (self->set);
  fallback = gloss_annotation_set_get_fallback_reason (self->set) != NULL;
  saved = gloss_annotation_set_save (self->set, NULL, &error);
  if (!saved && gloss_sidecar_is_place_taken (error))
    {
      gloss_annotation_set_move_to_fallback (self->set, error);
      g_clear_error (&error);
      saved = gloss_annotation_set_save (self->set, NULL, &error);
    }
  if (!saved)
    {
      /* TRANSLATORS: %s is why */
      g_autofree char *text = g_strdup_printf (_("Your highlights could not be saved: %s. "
                                                 "They are kept here, and saved as soon as "
                                                 "that works."), error->message);

      /* not a warning: a full disk is no bug, and the user is told; once, not each retry */
      if (g_strcmp0 (text, self->problem) != 0)
        g_message ("Could not save %s: %s", where, error->message);
      set_problem (self, g_steal_pointer (&text));
      if (self->save_source == 0)
        self->save_source = g_timeout_add (SAVE_RETRY_MS, save_timeout, self);
      return FALSE;
    }

  /* the sidecar moved to the fallback location: watch that one now */
  if (!fallback && gloss_annotation_set_get_fallback_reason (self->set) != NULL)
    {
      if (self->sidecar_monitor != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->sidecar_monitor, self);
          g_file_monitor_cancel (self->sidecar_monitor);
          g_clear_object (&self->sidecar_monitor);
        }
      watch_sidecar (self);
    }

  /* what came in from the other writer is anchored where they had it */
  if (merges != gloss_annotation_set_get_merge_count (self->set))
    gloss_annotation_set_anchor_to_text (self->set, gloss_article_get_text (self->article),
                                         gloss_article_get_text_size (self->article));
  set_problem (self, gloss_annotator_describe_fallback (self->set));
  return TRUE;
}

/**
 * gloss_annotator_save:
 *
 * Writes the annotations now if they changed (merging with what another writer saved).
 *
 * Returns: whether they are safe on disk; if not, #GlossAnnotator:problem says why
 */
gboolean
gloss_annotator_save (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);

  return save (self, TRUE);
}

static gboolean
sidecar_changed_timeout (gpointer data)
{
  GlossAnnotator *self = data;

  self->sidecar_source = 0;
  save (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Another window or a sync tool wrote the sidecar: take in what it has. Our own saves
 * come here too; they find the file as they left it and do nothing. */
static void
on_sidecar_changed (GlossAnnotator    *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_RENAMED && event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;

  g_clear_handle_id (&self->sidecar_source, g_source_remove);
  self->sidecar_source = g_timeout_add (SIDECAR_SETTLE_MS, sidecar_changed_timeout, self);
}

static void
watch_sidecar (GlossAnnotator *self)
{
  g_autoptr(GFile) sidecar = gloss_annotation_set_get_sidecar_file (self->set, NULL);

  if (sidecar == NULL)
    return;

  self->sidecar_monitor = g_file_monitor_file (sidecar, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->sidecar_monitor != NULL)
    g_signal_connect_object (self->sidecar_monitor, "changed", G_CALLBACK (on_sidecar_changed),
                             self, G_CONNECT_SWAPPED);
}

static gboolean
save_timeout (gpointer data)
{
  GlossAnnotator *self = data;

  self->save_source = 0;
  gloss_annotator_save (self);
  return G_SOURCE_REMOVE;
}

/* Saves a while after the first change, not after the last: typing a long note does not
 * put the save off. */
static void
on_set_changed (GlossAnnotator *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (GLOSS_ANNOTATOR_SAVE_DELAY_MS, save_timeout, self);
}

gboolean
gloss_annotator_get_selection (GlossAnnotator *self,
                               guint          *start,
                               guint          *end)
{
  GtkTextIter a, b;

  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
    return FALSE;

  /* white space at the edges of a selection is not part of the passage */
  while (gtk_text_iter_compare (&a, &b) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&a)))
    gtk_text_iter_forward_char (&a);
  while (gtk_text_iter_compare (&a, &b) < 0)
    {
      GtkTextIter before = b;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      b = before;
    }
  if (gtk_text_iter_equal (&a, &b))
    return FALSE;

  if (start != NULL)
    *start = gtk_text_iter_get_offset (&a);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&b);
  return TRUE;
}

static char *
buffer_slice (GtkTextBuffer *buffer,
              guint          start,
              guint          end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  return gtk_text_buffer_get_slice (buffer, &a, &b, TRUE);
}

/* Points @annotation at [@start, @end) of the text. The buffer holds the article text, so
 * this is gloss_annotation_set_target_from_text() without walking the text from its start. */
static void
set_target (GlossAnnotator  *self,
            GlossAnnotation *annotation,
            guint            start,
            guint            end)
{
  guint length = gtk_text_buffer_get_char_count (self->buffer);
  g_autofree char *exact = buffer_slice (self->buffer, start, end);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  prefix = buffer_slice (self->buffer, start - MIN (start, GLOSS_ANNOTATION_CONTEXT_LENGTH), start);
  suffix = buffer_slice (self->buffer, end, MIN (length, end + GLOSS_ANNOTATION_CONTEXT_LENGTH));
  gloss_annotation_set_target (annotation, start, end, exact, prefix, suffix);
}

static void
point_popover_at (GlossAnnotator *self,
                  GtkWidget      *popover,
                  guint           start,
                  guint           end)
{
  GtkTextIter a, b;
  GdkRectangle first, last, visible, rect;
  int x, y;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, end);
  gtk_text_view_get_iter_location (self->text_view, &a, &first);
  gtk_text_view_get_iter_location (self->text_view, &b, &last);
  gtk_text_view_get_visible_rect (self->text_view, &visible);

  /* Under the end of the passage, or above its start when the end is off screen. */
  if (last.y + last.height <= visible.y + visible.height && last.y >= visible.y)
    {
      rect = last;
      gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
    }
  else
    {
      rect = first;
      gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_TOP);
    }
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = CLAMP (y, 0, gtk_widget_get_height (GTK_WIDGET (self->text_view)) - 1);
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
}

static void
hide_selection_popover (GlossAnnotator *self)
{
  g_clear_handle_id (&self->selection_source, g_source_remove);
  gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
}

static void
show_selection_popover (GlossAnnotator *self)
{
  guint start, end;

  if (!gloss_annotator_get_selection (self, &start, &end) ||
      gtk_widget_get_visible (self->popover) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    return;

  point_popover_at (self, self->selection_popover, start, end);
  gtk_popover_popup (GTK_POPOVER (self->selection_popover));
}

static gboolean
selection_timeout (gpointer data)
{
  GlossAnnotator *self = data;

  self->selection_source = 0;
  show_selection_popover (self);
  return G_SOURCE_REMOVE;
}

static void
on_selection_changed (GlossAnnotator *self)
{
  g_clear_handle_id (&self->selection_source, g_source_remove);

  if (!gtk_text_buffer_get_has_selection (self->buffer))
    {
      hide_selection_popover (self);
      return;
    }
  /* while the mouse drags, the popover waits for the release */
  if (!self->pointer_down)
    self->selection_source = g_timeout_add (SELECTION_POPOVER_DELAY_MS, selection_timeout, self);
}

static void
on_mark_set (GlossAnnotator *self,
             GtkTextIter    *location,
             GtkTextMark    *mark)
{
  if (mark == gtk_text_buffer_get_insert (self->buffer) ||
      mark == gtk_text_buffer_get_selection_bound (self->buffer))
    on_selection_changed (self);
}

static void
set_last_color (GlossAnnotator *self,
                const char     *color)
{
  gloss_settings_set_highlight_color (gloss_settings_get_default (), color);
}

/**
 * gloss_annotator_highlight:
 * @color: (nullable): a palette colour, or %NULL for the last one used
 *
 * Highlights the selected passage, as one undoable step.
 *
 * Returns: (transfer none) (nullable): the new annotation, or %NULL without a selection
 */
GlossAnnotation *
gloss_annotator_highlight (GlossAnnotator *self,
                           const char     *color)
{
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *last = NULL;
  guint start, end;

  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  if (!gloss_annotator_get_selection (self, &start, &end))
    return NULL;

  if (color == NULL || !gloss_annotation_color_is_valid (color))
    color = last = g_strdup (gloss_settings_get_highlight_color (gloss_settings_get_default ()));
  set_last_color (self, color);

  annotation = gloss_annotation_new_full (uuid, start, end, "", "", "", NULL, NULL);
  set_target (self, annotation, start, end);
  gloss_annotation_set_color (annotation, color);

  if (self->history != NULL)
    gloss_annotation_history_add (self->history, self->set, annotation, _("Highlight"));
  else
    gloss_annotation_set_add (self->set, annotation);

  hide_selection_popover (self);
  return annotation;
}

/* The highlight the caret is in, or the one just made from the selection. */
static GlossAnnotation *
target_annotation (GlossAnnotator *self)
{
  g_autoptr(GPtrArray) here = NULL;
  GtkTextIter cursor;

  if (gtk_text_buffer_get_has_selection (self->buffer))
    return gloss_annotator_highlight (self, NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  here = gloss_highlighter_list_at (self->highlighter, gtk_text_iter_get_offset (&cursor));
  return here->len > 0 ? g_ptr_array_index (here, 0) : NULL;
}

void
gloss_annotator_edit (GlossAnnotator  *self,
                      GlossAnnotation *annotation)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  hide_selection_popover (self);
  gloss_annotation_popover_set_known_tags (GLOSS_ANNOTATION_POPOVER (self->popover),
                                           self->known_tags);
  gloss_annotation_popover_edit (GLOSS_ANNOTATION_POPOVER (self->popover), self->set, annotation,
                                 self->history);
  point_popover_at (self, self->popover, gloss_annotation_get_anchor_start (annotation),
                    gloss_annotation_get_anchor_end (annotation));
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* T: highlights the selection if need be, and opens its tag entry. */
void
gloss_annotator_edit_tags (GlossAnnotator *self)
{
  GlossAnnotation *annotation;

  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  if ((annotation = target_annotation (self)) == NULL)
    return;
  gloss_annotator_edit (self, annotation);
  gloss_annotation_popover_focus_tags (GLOSS_ANNOTATION_POPOVER (self->popover));
}

/* N: highlights the selection if need be, and opens its note. */
void
gloss_annotator_edit_note (GlossAnnotator *self)
{
  GlossAnnotation *annotation;

  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  if ((annotation = target_annotation (self)) == NULL)
    return;
  gloss_annotator_edit (self, annotation);
  gloss_annotation_popover_focus_note (GLOSS_ANNOTATION_POPOVER (self->popover));
}

/* Enter: opens the highlight under the caret (a choice where several overlap). */
void
gloss_annotator_edit_at_cursor (GlossAnnotator *self)
{
  g_autoptr(GPtrArray) here = NULL;
  GtkTextIter cursor;

  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  here = gloss_highlighter_list_at (self->highlighter, gtk_text_iter_get_offset (&cursor));
  if (here->len == 1)
    gloss_annotator_edit (self, g_ptr_array_index (here, 0));
  else if (here->len > 1)
    {
      GlossAnnotation *outer = g_ptr_array_index (here, here->len - 1);

      hide_selection_popover (self);
      gloss_annotation_popover_set_known_tags (GLOSS_ANNOTATION_POPOVER (self->popover),
                                               self->known_tags);
      gloss_annotation_popover_choose (GLOSS_ANNOTATION_POPOVER (self->popover), self->set, here,
                                       self->history);
      point_popover_at (self, self->popover, gtk_text_iter_get_offset (&cursor),
                        gloss_annotation_get_anchor_end (outer));
      gtk_popover_popup (GTK_POPOVER (self->popover));
    }
}

static gboolean
open_clicked (gpointer data)
{
  GlossAnnotator *self = data;
  GtkTextIter iter;

  self->click_source = 0;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, self->click_offset);
  if (!gtk_text_buffer_get_has_selection (self->buffer))
    {
      gtk_text_buffer_place_cursor (self->buffer, &iter);
      gloss_annotator_edit_at_cursor (self);
    }
  return G_SOURCE_REMOVE;
}

static void
copy_selection (GlossAnnotator *self)
{
  GtkTextIter a, b;
  g_autofree char *text = NULL;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
    return;
  text = gtk_text_buffer_get_text (self->buffer, &a, &b, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->text_view)), text);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GlossAnnotator        *self)
{
  const char * const *colors = gloss_annotation_list_colors ();
  gboolean selected = gtk_text_buffer_get_has_selection (self->buffer);
  guint number;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_h:
    case GDK_KEY_H:
      if (!selected)
        return GDK_EVENT_PROPAGATE;
      gloss_annotator_highlight (self, NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_t:
    case GDK_KEY_T:
      gloss_annotator_edit_tags (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_n:
    case GDK_KEY_N:
      gloss_annotator_edit_note (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      gloss_annotator_edit_at_cursor (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (!gtk_widget_get_visible (self->selection_popover))
        return GDK_EVENT_PROPAGATE;
      hide_selection_popover (self);
      return GDK_EVENT_STOP;

    default:
      break;
    }

  number = gdk_keyval_to_unicode (keyval) - '1';
  if (selected && number < g_strv_length ((char **) colors))
    {
      gloss_annotator_highlight (self, colors[number]);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

/* Button presses and releases are watched, not handled: the text view's own gestures
 * (which claim a drag that selects) still get them, and a release is seen even then. */
static gboolean
on_pointer_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  GlossAnnotator           *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  g_autoptr(GPtrArray) here = NULL;
  GtkNative *native;
  GtkTextIter iter;
  double x, y, sx, sy;
  int bx, by;

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE) ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  /* from the surface's coordinates to the text view's */
  native = gtk_widget_get_native (GTK_WIDGET (self->text_view));
  gdk_event_get_position (event, &x, &y);
  gtk_native_get_surface_transform (native, &sx, &sy);
  gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self->text_view),
                                    x - sx, y - sy, &x, &y);
  if (type == GDK_BUTTON_PRESS)
    {
      self->pointer_down = TRUE;
      self->press_x = x;
      self->press_y = y;
      hide_selection_popover (self);
      return GDK_EVENT_PROPAGATE;
    }

  self->pointer_down = FALSE;
  if (gtk_text_buffer_get_has_selection (self->buffer))
    {
      show_selection_popover (self);
      return GDK_EVENT_PROPAGATE;
    }

  /* a plain click (not a drag, no Ctrl or Shift) on a highlight opens it */
  if ((gdk_event_get_modifier_state (event) & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0 ||
      ABS (x - self->press_x) > 4 || ABS (y - self->press_y) > 4)
    return GDK_EVENT_PROPAGATE;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return GDK_EVENT_PROPAGATE;

  here = gloss_highlighter_list_at (self->highlighter, gtk_text_iter_get_offset (&iter));
  if (here->len > 0)
    {
      /* the caret lands there too, after this event: open once it has */
      self->click_offset = gtk_text_iter_get_offset (&iter);
      if (self->click_source == 0)
        self->click_source = g_idle_add (open_clicked, self);
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_popover_resize (GlossAnnotator  *self,
                   GlossAnnotation *annotation,
                   int              start_delta,
                   int              end_delta)
{
  GtkTextIter start, end;
  g_autofree char *now = gloss_annotation_now ();

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start,
                                      gloss_annotation_get_anchor_start (annotation));
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end,
                                      gloss_annotation_get_anchor_end (annotation));

  if (start_delta < 0)
    gtk_text_iter_backward_word_start (&start);
  else if (start_delta > 0 && gtk_text_iter_forward_word_end (&start))
    {
      /* to the start of the next word, keeping at least one word */
      gtk_text_iter_forward_word_end (&start);
      gtk_text_iter_backward_word_start (&start);
    }
  if (end_delta < 0)
    {
      /* to the end of the word before the last one */
      GtkTextIter previous;

      gtk_text_iter_backward_word_start (&end);
      previous = end;
      if (gtk_text_iter_backward_word_start (&previous))
        {
          gtk_text_iter_forward_word_end (&previous);
          end = previous;
        }
    }
  else if (end_delta > 0)
    gtk_text_iter_forward_word_end (&end);

  if (gtk_text_iter_compare (&start, &end) >= 0)
    return;

  set_target (self, annotation, gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end));
  /* anchoring is not an edit, but this is */
  gloss_annotation_set_modified (annotation, now);
  point_popover_at (self, self->popover, gloss_annotation_get_anchor_start (annotation),
                    gloss_annotation_get_anchor_end (annotation));
}

static void
on_popover_delete (GlossAnnotator  *self,
                   GlossAnnotation *annotation)
{
  g_object_ref (annotation);
  if (self->history != NULL)
    gloss_annotation_history_remove (self->history, self->set, annotation, _("Delete Highlight"));
  else
    gloss_annotation_set_remove (self->set, annotation);
  g_signal_emit (self, signals[DELETED], 0, annotation);
  g_object_unref (annotation);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_popover_closed (GlossAnnotator *self)
{
  /* give the keyboard back to the text, where it came from */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_selection_button (GtkButton      *button,
                     GlossAnnotator *self)
{
  const char *color = g_object_get_data (G_OBJECT (button), "color");
  const char *what = g_object_get_data (G_OBJECT (button), "what");

  if (color != NULL)
    gloss_annotator_highlight (self, color);
  else if (g_strcmp0 (what, "tag") == 0)
    gloss_annotator_edit_tags (self);
  else if (g_strcmp0 (what, "note") == 0)
    gloss_annotator_edit_note (self);
  else if (g_strcmp0 (what, "copy") == 0)
    {
      copy_selection (self);
      hide_selection_popover (self);
    }
}

static GtkWidget *
selection_button (GlossAnnotator *self,
                  GtkWidget      *button,
                  const char     *tooltip)
{
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_selection_button), self, 0);
  return button;
}

/* The popover by a selection: the palette, then Tag, Note and Copy. It never takes the
 * keyboard: the selection can still be changed, and the keys work. */
static GtkWidget *
build_selection_popover (GlossAnnotator *self)
{
  const char * const *colors = gloss_annotation_list_colors ();
  const struct {
    const char *what;
    const char *label;
    const char *tooltip;
  } commands[] = {
    { "tag", N_("_Tag"), N_("Highlight and Tag (T)") },
    { "note", N_("_Note"), N_("Highlight and Write a Note (N)") },
    { "copy", N_("_Copy"), N_("Copy the Text") },
  };
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css_class = g_strconcat ("color-", colors[i], NULL);
      /* TRANSLATORS: a colour name, then the key that highlights with it */
      g_autofree char *tooltip = g_strdup_printf (_("Highlight %s (%u)"),
                                                  gloss_highlighter_color_display_name (colors[i]),
                                                  i + 1);

      gtk_widget_add_css_class (button, "color-button");
      gtk_widget_add_css_class (button, css_class);
      /* round: not stretched to the height of the text buttons beside them */
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_object_set_data (G_OBJECT (button), "color", (gpointer) colors[i]);
      gtk_box_append (GTK_BOX (box), selection_button (self, button, tooltip));
    }
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(commands[i].label));

      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "what", (gpointer) commands[i].what);
      gtk_box_append (GTK_BOX (box), selection_button (self, button, _(commands[i].tooltip)));
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_can_focus (popover, FALSE);
  gtk_widget_add_css_class (popover, "selection-popover");
  return popover;
}

static void
gloss_annotator_dispose (GObject *object)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  if (self->set != NULL && !gloss_annotator_save (self)
      && gloss_annotation_set_get_dirty (self->set)
      && !gloss_annotation_set_get_read_only (self->set))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                     self->problem ? self->problem : "");

      /* The column goes and its changes could not be saved (a full disk?): the fallback
       * location is the last place to keep them; the next open merges them back. */
      gloss_annotation_set_move_to_fallback (self->set, error);
      gloss_annotator_save (self);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->sidecar_source, g_source_remove);
  g_clear_handle_id (&self->selection_source, g_source_remove);
  g_clear_handle_id (&self->click_source, g_source_remove);
  if (self->sidecar_monitor != NULL)
    {
      g_file_monitor_cancel (self->sidecar_monitor);
      g_clear_object (&self->sidecar_monitor);
    }
  if (self->text_view != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->text_view), self->keys);
      gtk_widget_remove_controller (GTK_WIDGET (self->text_view), self->pointer);
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_clear_pointer (&self->selection_popover, gtk_widget_unparent);
      g_clear_pointer (&self->popover, gtk_widget_unparent);
      self->text_view = NULL;
    }
  if (self->history != NULL && self->set != NULL)
    gloss_annotation_history_forget_set (self->history, self->set);
  g_clear_object (&self->highlighter);
  g_clear_object (&self->history);
  g_clear_object (&self->known_tags);
  g_clear_object (&self->buffer);
  g_clear_object (&self->article);
  g_clear_object (&self->set);

  G_OBJECT_CLASS (gloss_annotator_parent_class)->dispose (object);
}

static void
gloss_annotator_finalize (GObject *object)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  g_free (self->problem);

  G_OBJECT_CLASS (gloss_annotator_parent_class)->finalize (object);
}

static void
gloss_annotator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossAnnotator *self = GLOSS_ANNOTATOR (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotator_class_init (GlossAnnotatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotator_dispose;
  object_class->finalize = gloss_annotator_finalize;
  object_class->get_property = gloss_annotator_get_property;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossAnnotator::deleted:
   * @annotation: the annotation the user deleted
   *
   * For a toast that offers to undo it.
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);
}

static void
gloss_annotator_init (GlossAnnotator *self)
{
}

/**
 * gloss_annotator_new:
 * @text_view: the column's text view, showing @article's text
 * @set: @article's annotations, anchored to its text
 */
GlossAnnotator *
gloss_annotator_new (GtkTextView        *text_view,
                     GlossArticle       *article,
                     GlossAnnotationSet *set)
{
  GlossAnnotator *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (text_view), NULL);
  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (set), NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATOR, NULL);
  self->text_view = text_view;
  self->buffer = g_object_ref (gtk_text_view_get_buffer (text_view));
  self->article = g_object_ref (article);
  self->set = g_object_ref (set);
  self->highlighter = gloss_highlighter_new (self->buffer, set);
  watch_sidecar (self);

  g_signal_connect_object (set, "changed", G_CALLBACK (on_set_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (on_mark_set), self,
                           G_CONNECT_SWAPPED);

  self->keys = gtk_event_controller_key_new ();
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text_view), self->keys);

  self->pointer = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->pointer, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->pointer, "event", G_CALLBACK (on_pointer_event), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (text_view), self->pointer);

  self->selection_popover = build_selection_popover (self);
  gtk_widget_set_parent (self->selection_popover, GTK_WIDGET (text_view));

  self->popover = gloss_annotation_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (text_view));
  g_signal_connect_object (self->popover, "resize-requested", G_CALLBACK (on_popover_resize), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "delete-requested", G_CALLBACK (on_popover_delete), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (on_popover_closed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

GlossAnnotationSet *
gloss_annotator_get_set (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->set;
}

/**
 * gloss_annotator_set_history:
 * @history: (nullable): the window's undo history
 */
void
gloss_annotator_set_history (GlossAnnotator         *self,
                             GlossAnnotationHistory *history)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  g_set_object (&self->history, history);
}

/**
 * gloss_annotator_set_known_tags:
 * @tags: (nullable): a list of GtkStringObject: the tags the tag entry completes from
 */
void
gloss_annotator_set_known_tags (GlossAnnotator *self,
                                GListModel     *tags)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  g_set_object (&self->known_tags, tags);
}

void
gloss_annotator_set_dark (GlossAnnotator *self,
                          gboolean        dark)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  gloss_highlighter_set_dark (self->highlighter, dark);
}

/* Paints the highlights of the text that came into the buffer since the last call. */
void
gloss_annotator_paint (GlossAnnotator *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));

  gloss_highlighter_paint (self->highlighter);
}

/* Scrolls to @annotation, puts the caret at its start and flashes it. */
void
gloss_annotator_reveal (GlossAnnotator  *self,
                        GlossAnnotation *annotation)
{
  GtkTextIter start;

  g_return_if_fail (GLOSS_IS_ANNOTATOR (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  if (!gloss_annotation_is_attached (annotation))
    return;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start,
                                      gloss_annotation_get_anchor_start (annotation));
  gtk_text_buffer_place_cursor (self->buffer, &start);
  gtk_text_view_scroll_to_iter (self->text_view, &start, 0.0, TRUE, 0.0, 0.3);
  gloss_highlighter_flash (self->highlighter, annotation);
}

/**
 * gloss_annotator_step:
 * @direction: 1 for the next annotation after the caret, -1 for the previous one
 *
 * Moves to the next or previous highlight, as Alt+Down and Alt+Up do.
 *
 * Returns: (transfer none) (nullable): the annotation moved to
 */
GlossAnnotation *
gloss_annotator_step (GlossAnnotator *self,
                      int             direction)
{
  GListModel *model = G_LIST_MODEL (self->set);
  GlossAnnotation *best = NULL;
  GtkTextIter cursor;
  guint offset, n;

  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      guint start = gloss_annotation_get_anchor_start (annotation);

      if (!gloss_annotation_is_attached (annotation))
        continue;
      if (direction > 0 && start > offset &&
          (best == NULL || start < gloss_annotation_get_anchor_start (best)))
        best = annotation;
      else if (direction < 0 && start < offset &&
               (best == NULL || start > gloss_annotation_get_anchor_start (best)))
        best = annotation;
    }

  if (best != NULL)
    gloss_annotator_reveal (self, best);
  return best;
}

/* Returns: (nullable): what went wrong storing the annotations, for the column's banner */
const char *
gloss_annotator_get_problem (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->problem;
}

/* Returns: (transfer none): the popover that edits a highlight, for tests */
GtkWidget *
gloss_annotator_get_popover (GlossAnnotator *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATOR (self), NULL);

  return self->popover;
}
