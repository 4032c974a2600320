/* gloss-article-view.c: one article column: its header and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view reads its file in a worker thread (GlossArticle), then shows the text through a
 * GlossArticleBuffer, which fills in slices; the column shows a spinner while reading and
 * a progress bar while filling. A file that cannot be read shows why, in the column.
 */

#define G_LOG_DOMAIN "gloss-article-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotator.h"
#include "gloss-article-buffer.h"
#include "gloss-article-view.h"
#include "gloss-compare-marks.h"
#include "gloss-settings.h"

/* The space after a paragraph, as a fraction of the font size; and the least space at
 * each side of the text, in pixels. (The font, its size at zoom 1, the line spacing and
 * the widest the text gets come from GlossSettings.) */
#define PARAGRAPH_GAP 0.5
#define SIDE_MARGIN 28
#define MAX_MATCHES 10000
/* How long a changed article file must rest before it is read again. */
#define RELOAD_SETTLE_MS 500

struct _GlossArticleView
{
  GtkWidget           parent_instance;

  GFile              *file;
  GlossArticle       *article;
  GlossArticleBuffer *buffer;
  GCancellable       *cancellable;
  char               *error;
  GtkCssProvider     *css;
  double              zoom;
  gboolean            wants_focus;  /* focus the text as soon as it shows */
  GArray             *matches;      /* guint pairs: start and end offsets */
  GtkTextTag         *match_tag;
  GtkTextTag         *current_match_tag;
  GlossAnnotationSet *annotations;
  GlossAnnotator     *annotator;
  GlossAnnotationHistory *history;
  GListModel         *known_tags;
  GFileMonitor       *monitor;
  guint               reload_source;
  guint               margins_source;
  GlossCompareMarks  *compare_marks;

  GtkWidget          *header;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *compare_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkScrolledWindow  *scroller;
  GtkTextView        *text_view;
  GtkProgressBar     *progress_bar;
  GtkRevealer        *banner;
  GtkLabel           *banner_label;
};

G_DEFINE_FINAL_TYPE (GlossArticleView, gloss_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_ARTICLE,
  PROP_LOADING,
  PROP_TITLE,
  PROP_ANNOTATIONS,
  N_PROPS
};

enum {
  CLOSE_REQUESTED,
  MOVE_REQUESTED,
  VIEW_DROPPED,
  ANNOTATION_DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_colors (GlossArticleView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->text_view));
  GdkRGBA foreground, accent;

  if (self->buffer == NULL)
    return;

  gtk_style_context_get_color (context, &foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = foreground;

  gloss_article_buffer_set_colors (self->buffer, &foreground, &accent);
  if (self->annotator != NULL)
    gloss_annotator_set_dark (self->annotator,
                              adw_style_manager_get_dark (adw_style_manager_get_default ()));

  if (self->match_tag != NULL)
    {
      GdkRGBA match = { 0.96f, 0.83f, 0.18f, 0.45f };
      GdkRGBA current = { 1.0f, 0.6f, 0.0f, 0.6f };

      g_object_set (self->match_tag, "background-rgba", &match, NULL);
      g_object_set (self->current_match_tag, "background-rgba", &current, NULL);
    }
}

/* Centres the text in a column wider than the widest text the settings allow. */
static void
update_side_margins (GlossArticleView *self)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));
  int width = hadjustment != NULL ? (int) gtk_adjustment_get_page_size (hadjustment) : 0;
  int max_width = gloss_settings_get_column_width (gloss_settings_get_default ());
  int margin = SIDE_MARGIN;

  if (max_width > 0 && width > 0)
    margin = MAX (SIDE_MARGIN, (width - (int) (max_width * self->zoom)) / 2);

  if (gtk_text_view_get_left_margin (self->text_view) != margin)
    {
      gtk_text_view_set_left_margin (self->text_view, margin);
      gtk_text_view_set_right_margin (self->text_view, margin);
    }
}

static gboolean
update_side_margins_idle (gpointer data)
{
  GlossArticleView *self = data;

  self->margins_source = 0;
  update_side_margins (self);

  return G_SOURCE_REMOVE;
}

/* The page size changes while GTK lays the text view out; changing the margins right then
 * breaks GTK's check that the visible text was laid out, so they change just after. */
static void
queue_side_margins (GlossArticleView *self)
{
  if (self->margins_source == 0)
    self->margins_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_side_margins_idle,
                                            self, NULL);
}

static void
update_font (GlossArticleView *self)
{
  g_autofree char *css = NULL;
  double points = gloss_settings_get_font_points (gloss_settings_get_default ()) * self->zoom;
  /* 1 pt is 4/3 px at 96 dpi */
  int gap = (int) (points * 4.0 / 3.0 * PARAGRAPH_GAP + 0.5);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  css = g_strdup_printf ("textview.reading { font-size: %spt; }",
                         g_ascii_formatd (buf, sizeof buf, "%.2f", points));
  gtk_css_provider_load_from_data (self->css, css, -1);

  /* the space between wrapped lines is the CSS line-height the application sets */
  gtk_text_view_set_pixels_inside_wrap (self->text_view, 0);
  gtk_text_view_set_pixels_below_lines (self->text_view, gap);
  update_side_margins (self);
}

static char *
format_date (const char *date)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  parsed = g_date_time_new_from_iso8601 (date, utc);
  if (parsed == NULL)
    {
      g_autofree char *with_time = g_strconcat (date, "T00:00:00", NULL);

      parsed = g_date_time_new_from_iso8601 (with_time, utc);
    }
  if (parsed == NULL)
    return g_strdup (date);

  /* TRANSLATORS: a publication date in a column header; see g_date_time_format() */
  return g_date_time_format (parsed, _("%-d %B %Y"));
}

static void
update_header (GlossArticleView *self)
{
  g_autofree char *title = gloss_article_view_dup_title (self);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *path = g_file_get_parse_name (self->file);

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);

  if (self->article != NULL)
    {
      const char *outlet = gloss_article_get_outlet (self->article);
      const char *author = gloss_article_get_author (self->article);
      const char *date = gloss_article_get_date (self->article);

      if (outlet != NULL)
        g_ptr_array_add (parts, g_strdup (outlet));
      if (author != NULL)
        g_ptr_array_add (parts, g_strdup (author));
      if (date != NULL)
        g_ptr_array_add (parts, format_date (date));
    }
  if (parts->len == 0 && self->article != NULL && gloss_article_get_title (self->article))
    g_ptr_array_add (parts, g_file_get_basename (self->file));
  g_ptr_array_add (parts, NULL);

  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle[0] != '\0');

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
on_buffer_progress (GlossArticleView *self)
{
  gboolean loaded = gloss_article_buffer_get_loaded (self->buffer);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 gloss_article_buffer_get_progress (self->buffer));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), !loaded);

  /* highlights show as their text comes in */
  if (self->annotator != NULL)
    gloss_annotator_paint (self->annotator);
  if (loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_banner (GlossArticleView *self,
             const char       *message)
{
  if (message != NULL)
    gtk_label_set_label (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner, message != NULL);
}

static void
on_problem_changed (GlossArticleView *self)
{
  show_banner (self, gloss_annotator_get_problem (self->annotator));
}

static void
on_annotator_deleted (GlossArticleView *self,
                      GlossAnnotation  *annotation)
{
  g_signal_emit (self, signals[ANNOTATION_DELETED], 0, annotation);
}

/* Once both the text buffer and the annotations are there, highlighting can start. */
static void
start_annotating (GlossArticleView *self)
{
  if (self->buffer == NULL || self->annotations == NULL || self->annotator != NULL)
    return;

  self->annotator = gloss_annotator_new (self->text_view, self->article, self->annotations);
  gloss_annotator_set_history (self->annotator, self->history);
  gloss_annotator_set_known_tags (self->annotator, self->known_tags);
  g_signal_connect_object (self->annotator, "notify::problem", G_CALLBACK (on_problem_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->annotator, "deleted", G_CALLBACK (on_annotator_deleted),
                           self, G_CONNECT_SWAPPED);
  update_colors (self);
  gloss_annotator_paint (self->annotator);

  /* matches of a search show above highlights */
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer));
    int top = gtk_text_tag_table_get_size (table) - 1;

    gtk_text_tag_set_priority (self->match_tag, top);
    gtk_text_tag_set_priority (self->current_match_tag, top);
  }
}

/* Reads the sidecar and anchors it to the text, off the main thread: with many annotations
 * on a changed article, anchoring can take a while. */
static void
load_annotations_thread (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GlossArticle *article = task_data;
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new_for_article (article);
  g_autoptr(GError) error = NULL;

  /* A sidecar that cannot be read leaves the set read-only, with the error kept in it. */
  if (gloss_annotation_set_load (set, cancellable, &error))
    gloss_annotation_set_anchor_to_text (set, gloss_article_get_text (article),
                                         gloss_article_get_text_size (article));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&set), g_object_unref);
}

static char *
describe_anchoring (GlossAnnotationSet *set)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (set));
  guint counts[GLOSS_ANCHOR_STATE_ORPHANED + 1] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (set), i);

      counts[gloss_annotation_get_anchor_state (annotation)]++;
    }
  if (counts[GLOSS_ANCHOR_STATE_FUZZY] + counts[GLOSS_ANCHOR_STATE_SUGGESTED] +
      counts[GLOSS_ANCHOR_STATE_ORPHANED] == 0)
    return NULL;

  g_string_append (text, _("The article changed since it was annotated."));
  if (counts[GLOSS_ANCHOR_STATE_FUZZY] > 0)
    {
      g_string_append_c (text, ' ');
      /* TRANSLATORS: highlights attached to text that changed */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u highlight is on changed text.",
                                                 "%u highlights are on changed text.",
                                                 counts[GLOSS_ANCHOR_STATE_FUZZY]),
                              counts[GLOSS_ANCHOR_STATE_FUZZY]);
    }
  if (counts[GLOSS_ANCHOR_STATE_SUGGESTED] + counts[GLOSS_ANCHOR_STATE_ORPHANED] > 0)
    {
      guint lost = counts[GLOSS_ANCHOR_STATE_SUGGESTED] + counts[GLOSS_ANCHOR_STATE_ORPHANED];

      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u could not be placed; it is kept in the "
                                                 "sidebar.",
                                                 "%u could not be placed; they are kept in the "
                                                 "sidebar.", lost),
                              lost);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_annotations_loaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossArticleView) self = user_data;
  g_autoptr(GlossAnnotationSet) set = g_task_propagate_pointer (G_TASK (result), NULL);
  const GError *load_error;
  g_autofree char *notice = NULL;
  gboolean fallback = FALSE;
  g_autoptr(GFile) sidecar = NULL;

  if (set == NULL)
    return;

  self->annotations = g_steal_pointer (&set);
  load_error = gloss_annotation_set_get_load_error (self->annotations);
  sidecar = gloss_annotation_set_get_sidecar_file (self->annotations, &fallback);
  if (load_error != NULL)
    {
      g_autofree char *where = sidecar ? g_file_get_parse_name (sidecar) : g_strdup ("");

      /* TRANSLATORS: a file, then what is wrong with it */
      notice = g_strdup_printf (_("The annotations in %s could not be read: %s. Gloss leaves "
                                  "that file as it is; highlights you make now are not saved."),
                                where, load_error->message);
    }
  else if (fallback && sidecar != NULL)
    {
      notice = gloss_annotator_describe_fallback (self->annotations);
      if (notice == NULL)
        {
          g_autofree char *where = g_file_get_parse_name (sidecar);

          /* TRANSLATORS: %s is a file */
          notice = g_strdup_printf (_("The article’s folder cannot be written, so its "
                                      "annotations are kept in %s."), where);
        }
    }
  else
    notice = describe_anchoring (self->annotations);
  show_banner (self, notice);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
  start_annotating (self);
}

static void show_article (GlossArticleView *self);

static char *
describe_reload (GlossAnnotationSet *set)
{
  g_autofree char *anchoring = describe_anchoring (set);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (set));
  g_autoptr(GString) text = g_string_new (_("The article changed on disk and was read again."));

  if (anchoring != NULL)
    {
      /* the first sentence of describe_anchoring() says the same */
      const char *rest = strchr (anchoring, '.');

      g_string_append (text, rest != NULL ? rest + 1 : "");
    }
  else if (n > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, g_dngettext (GETTEXT_PACKAGE, "Its highlight is in place.",
                                          "Its highlights are all in place.", n));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_article_reloaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GlossArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = gloss_article_load_finish (result, &error);
  g_autofree char *notice = NULL;
  GtkAdjustment *adjustment;
  double position;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (article == NULL)
    {
      /* TRANSLATORS: %s is why */
      notice = g_strdup_printf (_("The article changed on disk but could not be read again "
                                  "(%s). This is the version read before."), error->message);
      show_banner (self, notice);
      return;
    }
  if (g_str_equal (gloss_article_get_sha256 (article), gloss_article_get_sha256 (self->article)))
    return;

  /* Save first, then anchor what there is to the new text. */
  if (self->annotator != NULL)
    gloss_annotator_save (self->annotator);
  g_clear_object (&self->annotator);
  if (self->annotations != NULL)
    {
      gloss_annotation_set_anchor_to_text (self->annotations, gloss_article_get_text (article),
                                           gloss_article_get_text_size (article));
      gloss_annotation_set_set_fingerprint (self->annotations, gloss_article_get_sha256 (article),
                                            gloss_article_get_length (article));
      notice = describe_reload (self->annotations);
    }

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  position = gtk_adjustment_get_value (adjustment) /
             MAX (1.0, gtk_adjustment_get_upper (adjustment));
  g_set_object (&self->article, article);
  g_array_set_size (self->matches, 0);
  g_clear_object (&self->buffer);
  show_article (self);
  gtk_adjustment_set_value (adjustment, position * gtk_adjustment_get_upper (adjustment));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
  start_annotating (self);
  show_banner (self, notice);
}

static gboolean
reload_timeout (gpointer data)
{
  GlossArticleView *self = data;

  self->reload_source = 0;
  gloss_article_load_async (self->file, self->cancellable, on_article_reloaded,
                            g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* The column keeps the text it read and its highlights, and goes on saving them where they
 * were (next to where the article was), so that nothing is lost and putting the file back
 * finds them; if that folder is gone too, the next save goes to the fallback location and
 * the banner says so. Following a rename is left to the user: the banner names the file. */
static void
on_article_gone (GlossArticleView *self)
{
  g_autofree char *notice = NULL;

  /* the highlights not saved yet go there now; a problem doing so is what to tell */
  if (self->annotator != NULL && !gloss_annotator_save (self->annotator))
    return;

  if (self->annotations != NULL)
    {
      g_autoptr(GFile) sidecar = gloss_annotation_set_get_sidecar_file (self->annotations,
                                                                        NULL);
      g_autofree char *where = g_file_get_parse_name (sidecar);

      /* TRANSLATORS: %s is a file */
      notice = g_strdup_printf (_("The article’s file was deleted or moved. This is the "
                                  "version read before; its highlights are kept, and saved "
                                  "in %s."), where);
    }
  else
    notice = g_strdup (_("The article’s file was deleted or moved. This is the version "
                         "read before."));
  show_banner (self, notice);
}

/* An editor saved the article: read it again once it has settled. */
static void
on_file_changed (GlossArticleView  *self,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (RELOAD_SETTLE_MS, reload_timeout, self);
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      /* editors save by writing a new file and renaming it over the old one */
      if (other != NULL && g_file_equal (other, self->file))
        {
          g_clear_handle_id (&self->reload_source, g_source_remove);
          self->reload_source = g_timeout_add (RELOAD_SETTLE_MS, reload_timeout, self);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      on_article_gone (self);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
load_annotations (GlossArticleView *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_annotations_loaded,
                                      g_object_ref (self));

  g_task_set_task_data (task, g_object_ref (self->article), g_object_unref);
  g_task_run_in_thread (task, load_annotations_thread);
}

static void
show_article (GlossArticleView *self)
{
  GtkTextTagTable *table;

  self->buffer = gloss_article_buffer_new (self->article);
  table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer));
  self->match_tag = gtk_text_tag_new (NULL);
  self->current_match_tag = gtk_text_tag_new (NULL);
  gtk_text_tag_table_add (table, self->match_tag);
  gtk_text_tag_table_add (table, self->current_match_tag);
  g_object_unref (self->match_tag);
  g_object_unref (self->current_match_tag);

  g_signal_connect_object (self->buffer, "notify::progress",
                           G_CALLBACK (on_buffer_progress), self, G_CONNECT_SWAPPED);
  gtk_text_view_set_buffer (self->text_view, GTK_TEXT_BUFFER (self->buffer));
  update_colors (self);
  on_buffer_progress (self);

  gtk_stack_set_visible_child_name (self->stack, "text");
  update_header (self);

  if (self->wants_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
show_error (GlossArticleView *self,
            const GError     *error)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *title = NULL;

  self->error = g_strdup (error->message);
  /* TRANSLATORS: %s is a file name */
  title = g_strdup_printf (_("Could Not Open “%s”"), display);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_article_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GlossArticleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossArticle) article = NULL;

  article = gloss_article_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);

  if (article == NULL)
    show_error (self, error);
  else
    {
      self->article = g_steal_pointer (&article);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
      show_article (self);
      load_annotations (self);
      self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (self->monitor != NULL)
        g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_file_changed), self,
                                 G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE_REQUESTED], 0,
                 g_str_equal (action_name, "column.move-left") ? -1 : 1);
}

/* The link target at buffer offset @offset, or NULL. */
static const char *
link_at (GlossArticleView *self,
         guint             offset)
{
  const GlossSpan *spans;
  guint n_spans;

  if (self->article == NULL)
    return NULL;

  spans = gloss_article_get_spans (self->article, &n_spans);
  for (guint i = 0; i < n_spans && spans[i].start <= offset; i++)
    if (spans[i].kind == GLOSS_SPAN_LINK && offset < spans[i].end && spans[i].href != NULL)
      return spans[i].href;

  return NULL;
}

static const char *
link_at_point (GlossArticleView *self,
               int               x,
               int               y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return NULL;

  return link_at (self, gtk_text_iter_get_offset (&iter));
}

static gboolean
on_query_tooltip (GtkWidget        *widget,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip,
                  GlossArticleView *self)
{
  const char *href = keyboard ? NULL : link_at_point (self, x, y);
  g_autofree char *text = NULL;

  if (href == NULL)
    return FALSE;

  /* TRANSLATORS: a link's target, then how to open it */
  text = g_strdup_printf (_("%s\nCtrl+click to open"), href);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Ctrl+click opens a link in the browser; a plain click places the caret, as text is for
 * reading and selecting here. Only absolute web and mail links: a saved page's relative
 * links point nowhere. */
static void
on_text_released (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  GlossArticleView *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  const char *href;

  if ((state & GDK_CONTROL_MASK) == 0 || self->buffer == NULL)
    return;

  href = link_at_point (self, (int) x, (int) y);
  if (href != NULL && (g_str_has_prefix (href, "https://") || g_str_has_prefix (href, "http://") ||
                       g_str_has_prefix (href, "mailto:")))
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), href, GDK_CURRENT_TIME);
}

static void
on_banner_dismissed (GlossArticleView *self)
{
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
annotate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);

  if (self->annotator == NULL)
    return;

  if (g_str_equal (action_name, "article.highlight"))
    gloss_annotator_highlight (self->annotator, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (action_name, "article.tag"))
    gloss_annotator_edit_tags (self->annotator);
  else if (g_str_equal (action_name, "article.note"))
    gloss_annotator_edit_note (self->annotator);
  else if (g_str_equal (action_name, "article.next-annotation"))
    gloss_annotator_step (self->annotator, 1);
  else if (g_str_equal (action_name, "article.previous-annotation"))
    gloss_annotator_step (self->annotator, -1);
}

/* Columns are reordered by dragging one's header onto another column. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource    *source,
                 double            x,
                 double            y,
                 GlossArticleView *self)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (self->header);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (GLOSS_TYPE_ARTICLE_VIEW, self);
}

static gboolean
on_view_drop (GtkDropTarget    *target,
              const GValue     *value,
              double            x,
              double            y,
              GlossArticleView *self)
{
  GlossArticleView *dropped = g_value_get_object (value);

  if (dropped == NULL || dropped == self)
    return FALSE;

  g_signal_emit (self, signals[VIEW_DROPPED], 0, dropped);
  return TRUE;
}

static void
gloss_article_view_constructed (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->file));

  update_header (self);
  gtk_spinner_start (self->spinner);
  gloss_article_load_async (self->file, self->cancellable, on_article_loaded,
                            g_object_ref (self));
}

static void
gloss_article_view_dispose (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->margins_source, g_source_remove);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* first, while the text view is still there: it saves what is not saved yet */
  g_clear_object (&self->annotator);
  g_clear_object (&self->compare_marks);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ARTICLE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->buffer);
  g_clear_object (&self->annotations);
  g_clear_object (&self->history);
  g_clear_object (&self->known_tags);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->dispose (object);
}

static void
gloss_article_view_finalize (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  g_clear_object (&self->file);
  g_clear_object (&self->article);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->css);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->finalize (object);
}

static void
gloss_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, gloss_article_view_get_loading (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, gloss_article_view_dup_title (self));
      break;

    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_class_init (GlossArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gloss_article_view_constructed;
  object_class->dispose = gloss_article_view_dispose;
  object_class->finalize = gloss_article_view_finalize;
  object_class->get_property = gloss_article_view_get_property;
  object_class->set_property = gloss_article_view_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, GLOSS_TYPE_ARTICLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, GLOSS_TYPE_ANNOTATION_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossArticleView::close-requested:
   *
   * The user asked to close this column; the window removes it.
   */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GlossArticleView::move-requested:
   * @delta: -1 to move left, 1 to move right
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * GlossArticleView::view-dropped:
   * @view: another column, whose header was dropped on this one
   */
  signals[VIEW_DROPPED] =
    g_signal_new ("view-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_ARTICLE_VIEW);

  /**
   * GlossArticleView::annotation-deleted:
   * @annotation: a highlight the user deleted
   */
  signals[ANNOTATION_DELETED] =
    g_signal_new ("annotation-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, header);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, compare_label);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, banner);
  gtk_widget_class_bind_template_child (widget_class, GlossArticleView, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_dismissed);

  gtk_widget_class_install_action (widget_class, "column.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "column.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "column.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "article.highlight", "s", annotate_action);
  gtk_widget_class_install_action (widget_class, "article.tag", NULL, annotate_action);
  gtk_widget_class_install_action (widget_class, "article.note", NULL, annotate_action);
  gtk_widget_class_install_action (widget_class, "article.next-annotation", NULL, annotate_action);
  gtk_widget_class_install_action (widget_class, "article.previous-annotation", NULL,
                                   annotate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "article.next-annotation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "article.previous-annotation", NULL);

  gtk_widget_class_set_css_name (widget_class, "articleview");
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  GtkGesture *click;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->zoom = 1.0;
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));

  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_font (self);
  g_signal_connect_object (gloss_settings_get_default (), "notify::reading-font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gloss_settings_get_default (), "notify::column-width",
                           G_CALLBACK (update_side_margins), self, G_CONNECT_SWAPPED);
  /* the text view's width: the scrolled window gives it its adjustment in the template */
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view)),
                           "notify::page-size", G_CALLBACK (queue_side_margins), self,
                           G_CONNECT_SWAPPED);
  self->compare_marks = gloss_compare_marks_new (self->text_view);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_colors), self, G_CONNECT_SWAPPED);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (on_query_tooltip),
                           self, 0);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (on_text_released), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (on_drag_prepare), self, 0);
  gtk_widget_add_controller (self->header, GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (GLOSS_TYPE_ARTICLE_VIEW, GDK_ACTION_MOVE);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_view_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
gloss_article_view_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (GLOSS_TYPE_ARTICLE_VIEW, "file", file, NULL);
}

GFile *
gloss_article_view_get_file (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->file;
}

/* Returns: (nullable): the article, once it has been read */
GlossArticle *
gloss_article_view_get_article (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->article;
}

/* Whether the article is still being read or put on screen. */
gboolean
gloss_article_view_get_loading (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (self->error != NULL)
    return FALSE;

  return self->buffer == NULL || !gloss_article_buffer_get_loaded (self->buffer);
}

/* Returns: (nullable): why the article could not be opened */
const char *
gloss_article_view_get_error (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->error;
}

char *
gloss_article_view_dup_title (GlossArticleView *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  if (self->article != NULL)
    return gloss_article_dup_display_title (self->article);

  name = g_file_get_basename (self->file);
  return g_filename_display_name (name);
}

GtkTextView *
gloss_article_view_get_text_view (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->text_view;
}

GtkAdjustment *
gloss_article_view_get_vadjustment (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

/* Scales the reading font; 1.0 is the normal size. */
void
gloss_article_view_set_zoom (GlossArticleView *self,
                             double            zoom)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;

  self->zoom = zoom;
  update_font (self);
}

void
gloss_article_view_focus_text (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  /* Until the text shows, the column itself holds the focus for it. */
  if (self->buffer != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  else
    {
      self->wants_focus = TRUE;
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

/**
 * gloss_article_view_search:
 * @needle: text to find, case-insensitively
 *
 * Marks every match of @needle (up to 10,000) in the text.
 *
 * Returns: the number of matches
 */
guint
gloss_article_view_search (GlossArticleView *self,
                           const char       *needle)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter, match_start, match_end;

  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  gloss_article_view_clear_search (self);
  if (self->buffer == NULL || needle == NULL || needle[0] == '\0')
    return 0;

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (self->matches->len < 2 * MAX_MATCHES &&
         gtk_text_iter_forward_search (&iter, needle,
                                       GTK_TEXT_SEARCH_CASE_INSENSITIVE |
                                       GTK_TEXT_SEARCH_TEXT_ONLY,
                                       &match_start, &match_end, NULL))
    {
      guint offsets[2] = {
        gtk_text_iter_get_offset (&match_start),
        gtk_text_iter_get_offset (&match_end),
      };

      g_array_append_vals (self->matches, offsets, 2);
      gtk_text_buffer_apply_tag (buffer, self->match_tag, &match_start, &match_end);
      iter = match_end;
    }

  return self->matches->len / 2;
}

/* The number of matches of the last search. */
guint
gloss_article_view_search_count (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), 0);

  return self->matches->len / 2;
}

/* Selects match @index of the last search and scrolls to it. */
void
gloss_article_view_select_match (GlossArticleView *self,
                                 guint             index)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (index < self->matches->len / 2);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->current_match_tag, &start, &end);

  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      g_array_index (self->matches, guint, 2 * index));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      g_array_index (self->matches, guint, 2 * index + 1));
  gtk_text_buffer_apply_tag (buffer, self->current_match_tag, &start, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer),
                                0.1, TRUE, 0.0, 0.3);
}

void
gloss_article_view_clear_search (GlossArticleView *self)
{
  GtkTextIter start, end;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_array_set_size (self->matches, 0);
  if (self->buffer == NULL)
    return;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->match_tag, &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->current_match_tag,
                              &start, &end);
}

/* Returns: (nullable): the article's annotations, once they have been read */
GlossAnnotationSet *
gloss_article_view_get_annotations (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->annotations;
}

/**
 * gloss_article_view_set_history:
 * @history: the window's undo history, shared by its columns
 */
void
gloss_article_view_set_history (GlossArticleView       *self,
                                GlossAnnotationHistory *history)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_set_object (&self->history, history);
  if (self->annotator != NULL)
    gloss_annotator_set_history (self->annotator, history);
}

/**
 * gloss_article_view_set_known_tags:
 * @tags: a list of GtkStringObject, the tags of every open article, for completion
 */
void
gloss_article_view_set_known_tags (GlossArticleView *self,
                                   GListModel       *tags)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  g_set_object (&self->known_tags, tags);
  if (self->annotator != NULL)
    gloss_annotator_set_known_tags (self->annotator, tags);
}

/**
 * gloss_article_view_get_selection:
 * @start: (out) (optional): where the selected passage starts, in code points
 * @end: (out) (optional): where it ends
 *
 * Returns: whether a passage is selected (white space at its edges left out)
 */
gboolean
gloss_article_view_get_selection (GlossArticleView *self,
                                  guint            *start,
                                  guint            *end)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  return self->annotator != NULL && gloss_annotator_get_selection (self->annotator, start, end);
}

/* Scrolls to @annotation and flashes it. */
void
gloss_article_view_reveal_annotation (GlossArticleView *self,
                                      GlossAnnotation  *annotation)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  if (self->annotator == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gloss_annotator_reveal (self->annotator, annotation);
}

/* Returns: (nullable): what highlights, tags and notes in this column, for tests */
GlossAnnotator *
gloss_article_view_get_annotator (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->annotator;
}

/* Returns: (transfer none): what marks the passages this column shares with others */
GlossCompareMarks *
gloss_article_view_get_compare_marks (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->compare_marks;
}

/**
 * gloss_article_view_set_compare_summary:
 * @summary: (nullable): what the article shares with the others, in one line; %NULL hides it
 * @details: (nullable): the same in full, for the tooltip
 */
void
gloss_article_view_set_compare_summary (GlossArticleView *self,
                                        const char       *summary,
                                        const char       *details)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  gtk_label_set_label (self->compare_label, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_label), details);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label), summary != NULL);
}

/* Returns: (nullable): the summary shown in the header, for tests */
const char *
gloss_article_view_get_compare_summary (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->compare_label)))
    return NULL;

  return gtk_label_get_label (self->compare_label);
}
