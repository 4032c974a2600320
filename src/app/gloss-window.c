/* gloss-window.c: the main window: article columns side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gloss-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-sidebar.h"
#include "gloss-export-dialog.h"
#include "gloss-find-bar.h"
#include "gloss-folder.h"
#include "gloss-settings.h"
#include "gloss-window-private.h"

#define MIN_ZOOM 0.5
#define MAX_ZOOM 3.0
#define ZOOM_STEP 0.1
#define MAX_RECENT 8
/* Columns waiting to compare after a change: opening three articles is one comparison. */
#define COMPARE_DELAY_MS 100

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;
  GlossAnnotationHistory *history;        /* undo for every column's annotations */
  GListStore           *views;            /* of GlossArticleView, in the order opened */
  GtkStringList        *tags;             /* every tag of the open articles, for completion */
  GHashTable           *folder_tags;      /* folder path → GStrv of its sidecars' tags */
  guint                 tags_source;
  GlossArticleView     *current;          /* the column last focused; not a reference */
  double                zoom;
  guint                 scroll_together : 1;
  guint                 syncing_scroll : 1;
  guint                 pending_folders;

  /* Compare: a comparison of the open articles' texts, marked in every column */
  guint                 compare : 1;
  guint                 show_unique : 1;
  guint                 compare_source;
  GCancellable         *compare_cancellable;
  GlossComparison      *comparison;
  int                   active_passage;   /* activated, or -1 */

  AdwWindowTitle       *window_title;
  GtkSearchBar         *search_bar;
  GlossFindBar         *find_bar;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GlossColumns         *columns;
  GtkActionBar         *page_bar;
  GtkLabel             *page_label;
  AdwFlap              *flap;
  GlossAnnotationSidebar *sidebar;
  GMenu                *recent_section;
};

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_SCROLL_TOGETHER,
  PROP_COMPARE,
  PROP_SHOW_UNIQUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_file_list (GlossWindow *self, GFile **files, guint n_files);
static void set_current (GlossWindow *self, GlossArticleView *view);
static void queue_compare (GlossWindow *self);

static GlossArticleView *
view_at (GlossWindow *self,
         guint        i)
{
  return GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (self->columns, i));
}

static guint
n_views (GlossWindow *self)
{
  return gloss_columns_get_n_columns (self->columns);
}

static void
toast (GlossWindow *self,
       const char  *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_actions (GlossWindow *self)
{
  guint n = n_views (self);
  int index = self->current ? gloss_columns_index_of (self->columns,
                                                      GTK_WIDGET (self->current)) : -1;
  gboolean has_search = gloss_find_bar_get_n_matches (self->find_bar) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-article", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-article", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-article", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-article-left", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-article-right",
                                 index >= 0 && index + 1 < (int) n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.equal-widths", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next", has_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous", has_search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", self->zoom > MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset",
                                 !G_APPROX_VALUE (self->zoom, 1.0, 0.001));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-annotations", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 gloss_annotation_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 gloss_annotation_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-unique", self->compare);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage",
                                 self->comparison != NULL &&
                                 gloss_comparison_get_n_passages (self->comparison) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage",
                                 self->comparison != NULL &&
                                 gloss_comparison_get_n_passages (self->comparison) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotate-passage",
                                 self->comparison != NULL &&
                                 gloss_comparison_get_n_passages (self->comparison) > 0);
}

/* Annotations */

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *x = g_utf8_casefold (*(const char **) a, -1);
  g_autofree char *y = g_utf8_casefold (*(const char **) b, -1);

  return g_utf8_collate (x, y);
}

/* Adds @name to @tags unless a tag equal to it but for case is there already. */
static void
add_tag (GHashTable *seen,
         GPtrArray  *tags,
         const char *name)
{
  if (g_hash_table_add (seen, g_utf8_casefold (name, -1)))
    g_ptr_array_add (tags, (gpointer) name);
}

static gboolean
refresh_tags (gpointer data)
{
  GlossWindow *self = data;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  GHashTableIter iter;
  gpointer folder_tags;

  self->tags_source = 0;
  for (guint v = 0; v < n_views (self); v++)
    {
      GListModel *set = G_LIST_MODEL (gloss_article_view_get_annotations (view_at (self, v)));
      guint n = set ? g_list_model_get_n_items (set) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (set, i);
          const char * const *names = gloss_annotation_get_tags (annotation);

          /* the set holds the annotation, and the annotation its tags, until we return */
          for (guint t = 0; names[t] != NULL; t++)
            add_tag (seen, tags, names[t]);
        }
    }
  /* then those of the other articles in the same folders */
  g_hash_table_iter_init (&iter, self->folder_tags);
  while (g_hash_table_iter_next (&iter, NULL, &folder_tags))
    for (guint t = 0; folder_tags != NULL && ((char **) folder_tags)[t] != NULL; t++)
      add_tag (seen, tags, ((char **) folder_tags)[t]);

  g_ptr_array_sort (tags, compare_tags);
  g_ptr_array_add (tags, NULL);
  gtk_string_list_splice (self->tags, 0, n_items, (const char * const *) tags->pdata);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh_tags (GlossWindow *self)
{
  if (self->tags_source == 0)
    self->tags_source = g_idle_add_full (G_PRIORITY_LOW, refresh_tags, self, NULL);
}

typedef struct
{
  GlossWindow *self;
  char        *folder;
} FolderTagsRequest;

static void
on_folder_tags (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FolderTagsRequest *request = user_data;
  GStrv tags = gloss_folder_collect_tags_finish (result);

  /* NULL when the window closed meanwhile (its cancellable stopped the thread) */
  if (tags != NULL && request->self->folder_tags != NULL)
    {
      g_hash_table_replace (request->self->folder_tags, g_steal_pointer (&request->folder),
                            tags);
      queue_refresh_tags (request->self);
    }
  else
    g_strfreev (tags);
  g_object_unref (request->self);
  g_free (request->folder);
  g_free (request);
}

/* The tag entry completes from the folder's other sidecars too: read once per folder. */
static void
collect_folder_tags (GlossWindow *self,
                     GFile       *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;
  FolderTagsRequest *request;

  if (path == NULL || g_hash_table_contains (self->folder_tags, path))
    return;

  g_hash_table_insert (self->folder_tags, g_strdup (path), NULL);
  request = g_new0 (FolderTagsRequest, 1);
  request->self = g_object_ref (self);
  request->folder = g_steal_pointer (&path);
  gloss_folder_collect_tags_async (folder, self->cancellable, on_folder_tags, request);
}

static void
on_view_annotations (GlossWindow      *self,
                     GParamSpec       *pspec,
                     GlossArticleView *view)
{
  GlossAnnotationSet *set = gloss_article_view_get_annotations (view);

  if (set != NULL)
    g_signal_connect_object (set, "changed", G_CALLBACK (queue_refresh_tags), self,
                             G_CONNECT_SWAPPED);
  collect_folder_tags (self, gloss_article_view_get_file (view));
  queue_refresh_tags (self);
}

static void
on_undo_toast_clicked (GlossWindow *self)
{
  gloss_annotation_history_undo (self->history);
}

static void
on_annotation_deleted (GlossWindow      *self,
                       GlossAnnotation  *annotation,
                       GlossArticleView *view)
{
  AdwToast *toast = adw_toast_new (_("Highlight deleted"));

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_toast_clicked), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_sidebar_activated (GlossWindow      *self,
                      GlossArticleView *view,
                      GlossAnnotation  *annotation)
{
  set_current (self, view);
  if (gloss_columns_get_folded (self->columns))
    gloss_columns_set_visible_child (self->columns, GTK_WIDGET (view));
  /* over the columns, the sidebar would hide where it jumped to */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  gloss_article_view_reveal_annotation (view, annotation);
}

static void
on_sidebar_stop (GlossWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (self->current != NULL)
    gloss_article_view_focus_text (self->current);
}

/* F9: shows the annotations and puts the keyboard in their search; again, hides them. */
static void
annotations_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (self->flap);

  adw_flap_set_reveal_flap (self->flap, reveal);
  if (reveal)
    gloss_annotation_sidebar_focus_search (self->sidebar);
  else if (self->current != NULL)
    gloss_article_view_focus_text (self->current);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  GlossExportDialog *dialog;

  for (guint i = 0; i < n_views (self); i++)
    {
      GlossArticleView *view = view_at (self, i);
      GlossArticle *article = gloss_article_view_get_article (view);
      GlossAnnotationSet *set = gloss_article_view_get_annotations (view);

      if (article != NULL && set != NULL)
        {
          g_ptr_array_add (articles, article);
          g_ptr_array_add (sets, set);
        }
    }
  if (articles->len == 0)
    {
      toast (self, _("The articles are still opening"));
      return;
    }

  dialog = gloss_export_dialog_new (GTK_WINDOW (self), articles, sets);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (g_str_equal (action_name, "win.undo"))
    gloss_annotation_history_undo (self->history);
  else
    gloss_annotation_history_redo (self->history);
}

static void
update_page_bar (GlossWindow *self)
{
  GtkWidget *visible = gloss_columns_get_visible_child (self->columns);
  guint n = n_views (self);
  gboolean show = gloss_columns_get_folded (self->columns) && n > 1 && visible != NULL;

  gtk_action_bar_set_revealed (self->page_bar, show);
  if (show)
    {
      g_autofree char *title = gloss_article_view_dup_title (GLOSS_ARTICLE_VIEW (visible));
      g_autofree char *label = NULL;

      /* TRANSLATORS: the article shown in a narrow window: "2 of 3 · Title" */
      label = g_strdup_printf (_("%d of %u · %s"),
                               gloss_columns_index_of (self->columns, visible) + 1, n, title);
      gtk_label_set_label (self->page_label, label);
    }
}

static void
update_title (GlossWindow *self)
{
  guint n = n_views (self);
  g_autofree char *subtitle = NULL;

  if (n > 0)
    subtitle = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "columns" : "empty");

  update_page_bar (self);
  update_actions (self);
}

static void
set_current (GlossWindow      *self,
             GlossArticleView *view)
{
  if (self->current == view)
    return;

  if (self->current != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->current), "current");
  self->current = view;
  if (view != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (view), "current");
      gloss_columns_set_visible_child (self->columns, GTK_WIDGET (view));
    }
  gloss_find_bar_set_current (self->find_bar, view);

  update_actions (self);
}

/* Shows and focuses the column @delta places from the current one, wrapping around. */
static void
step_current (GlossWindow *self,
              int          delta)
{
  guint n = n_views (self);
  int index;
  GlossArticleView *view;

  if (n == 0)
    return;

  index = self->current ? gloss_columns_index_of (self->columns, GTK_WIDGET (self->current)) : 0;
  index = ((index + delta) % (int) n + (int) n) % (int) n;
  view = view_at (self, index);
  set_current (self, view);
  gloss_article_view_focus_text (view);
}

/* Find */

static void
on_find_stop (GlossWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_find_view_activated (GlossWindow      *self,
                        GlossArticleView *view)
{
  set_current (self, view);
}

static void
on_search_mode_changed (GlossWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  gloss_find_bar_clear (self->find_bar);
  if (self->current != NULL)
    gloss_article_view_focus_text (self->current);
}

/* Scroll together */

static void
on_scrolled (GlossWindow   *self,
             GtkAdjustment *adjustment)
{
  GlossCompareMarks *source = NULL;
  double range, fraction;

  if (!self->scroll_together || self->syncing_scroll)
    return;

  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  fraction = range > 0 ? gtk_adjustment_get_value (adjustment) / range : 0.0;
  for (guint i = 0; i < n_views (self); i++)
    if (gloss_article_view_get_vadjustment (view_at (self, i)) == adjustment)
      source = gloss_article_view_get_compare_marks (view_at (self, i));

  /* Columns keep their place relative to their length, so that the same part of each story
   * stays in view; with Compare on, a shared passage near the top stays level in each. */
  self->syncing_scroll = TRUE;
  for (guint i = 0; i < n_views (self); i++)
    {
      GtkAdjustment *other = gloss_article_view_get_vadjustment (view_at (self, i));
      GlossCompareMarks *marks = gloss_article_view_get_compare_marks (view_at (self, i));

      if (other == adjustment)
        continue;
      if (self->comparison != NULL && source != NULL && gloss_compare_marks_follow (marks, source))
        continue;
      gtk_adjustment_set_value (other,
                                fraction * (gtk_adjustment_get_upper (other) -
                                            gtk_adjustment_get_page_size (other)));
    }
  self->syncing_scroll = FALSE;
}

/* Compare */

static void
mark_passage_everywhere (GlossWindow *self,
                         int          passage)
{
  for (guint i = 0; i < n_views (self); i++)
    gloss_compare_marks_mark_passage (gloss_article_view_get_compare_marks (view_at (self, i)),
                                      passage);
}

static void
on_passage_hovered (GlossWindow       *self,
                    int                passage,
                    GlossCompareMarks *marks)
{
  /* leaving a passage shows the activated one again */
  mark_passage_everywhere (self, passage >= 0 ? passage : self->active_passage);
}

/* Marks @passage in every column and scrolls the others so that it is level with @source,
 * as Meld keeps matching chunks level. */
static void
activate_passage (GlossWindow       *self,
                  GlossCompareMarks *source,
                  int                passage)
{
  self->active_passage = passage;
  mark_passage_everywhere (self, passage);
  if (passage < 0)
    return;

  self->syncing_scroll = TRUE;
  for (guint i = 0; i < n_views (self); i++)
    {
      GlossCompareMarks *marks = gloss_article_view_get_compare_marks (view_at (self, i));

      if (marks != source)
        gloss_compare_marks_align_to (marks, source, (guint) passage);
    }
  self->syncing_scroll = FALSE;
}

static void
on_passage_activated (GlossWindow       *self,
                      int                passage,
                      GlossCompareMarks *marks)
{
  activate_passage (self, marks, passage);
}

static void
step_passage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossCompareMarks *marks;
  int passage;

  if (self->current == NULL)
    return;

  marks = gloss_article_view_get_compare_marks (self->current);
  passage = gloss_compare_marks_step (marks,
                                      g_str_equal (action_name, "win.next-passage") ? 1 : -1);
  if (passage < 0)
    {
      toast (self, _("This article shares no passage with the others"));
      return;
    }
  gloss_article_view_focus_text (self->current);
  activate_passage (self, marks, passage);
}

/* Highlights the shared passage at the caret in every column, with one colour, tags and
 * note, as one step (gloss-compare-annotate-popover.c). */
static void
annotate_passage_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->current == NULL ||
      !gloss_compare_marks_annotate (gloss_article_view_get_compare_marks (self->current),
                                     G_LIST_MODEL (self->views), self->history))
    toast (self, _("Put the caret in a shared passage to highlight it in every article"));
}

static int
compare_fractions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const double *fractions = data;
  double x = fractions[*(const guint *) a];
  double y = fractions[*(const guint *) b];

  return (x < y) - (x > y);
}

/* "Shares 34% with Harbor Gazette, 12% with …", most first; the tooltip has them all. */
static void
show_summary (GlossArticleView *view,
              GlossComparison  *comparison,
              guint             article,
              GPtrArray        *views)
{
  g_autofree double *fractions = g_new0 (double, views->len);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *list = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < views->len; i++)
    if (i != article)
      {
        fractions[i] = gloss_comparison_get_shared_fraction_with (comparison, article, i);
        if (fractions[i] > 0)
          g_array_append_val (order, i);
      }
  g_array_sort_with_data (order, compare_fractions, fractions);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      GlossArticle *other = gloss_article_view_get_article (g_ptr_array_index (views, i));
      const char *outlet = gloss_article_get_outlet (other);
      g_autofree char *title = gloss_article_dup_display_title (other);
      int percent = MAX (1, (int) (fractions[i] * 100 + 0.5));

      /* TRANSLATORS: part of "Shares 34% with Harbor Gazette, 12% with …" */
      g_ptr_array_add (parts, g_strdup_printf (_("%d%% with %s"), percent,
                                               outlet != NULL ? outlet : title));
      if (details->len > 0)
        g_string_append_c (details, '\n');
      /* TRANSLATORS: a line of the tooltip of the column's comparison summary */
      g_string_append_printf (details, _("%d%% of its words are shared with “%s”"), percent,
                              title);
    }
  g_ptr_array_add (parts, NULL);

  if (order->len == 0)
    {
      gloss_article_view_set_compare_summary (view, _("Shares no passage with the others"),
                                              NULL);
      return;
    }
  /* TRANSLATORS: the separator in "34% with Harbor Gazette, 12% with Valley Tribune" */
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* TRANSLATORS: %s is a list such as "34% with Harbor Gazette, 12% with Valley Tribune" */
  summary = g_strdup_printf (_("Shares %s"), list);
  gloss_article_view_set_compare_summary (view, summary, details->str);
}

static void
clear_comparison (GlossWindow *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_object (&self->comparison);
  self->active_passage = -1;
  for (guint i = 0; i < n_views (self); i++)
    {
      gloss_compare_marks_set_comparison (gloss_article_view_get_compare_marks (view_at (self, i)),
                                          NULL, 0);
      gloss_article_view_set_compare_summary (view_at (self, i), NULL, NULL);
    }
  update_actions (self);
}

typedef struct
{
  GlossWindow *self;
  GPtrArray   *views;     /* the columns compared, in the order of the comparison */
  gint64       started;
} CompareRun;

static void
compare_run_free (CompareRun *run)
{
  g_object_unref (run->self);
  g_ptr_array_unref (run->views);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CompareRun, compare_run_free)

static void
on_compared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CompareRun) run = user_data;
  GlossWindow *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossComparison) comparison = gloss_compare_run_finish (result, &error);

  /* a newer run, or Compare turned off, cancelled this one */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (comparison == NULL)
    {
      g_warning ("Could not compare the articles: %s", error->message);
      return;
    }

  g_debug ("compared in %.1f ms", (g_get_monotonic_time () - run->started) / 1000.0);
  g_set_object (&self->comparison, comparison);
  self->active_passage = -1;
  for (guint i = 0; i < n_views (self); i++)
    {
      GlossArticleView *view = view_at (self, i);
      GlossCompareMarks *marks = gloss_article_view_get_compare_marks (view);
      guint index;

      if (g_ptr_array_find (run->views, view, &index))
        {
          gloss_compare_marks_set_comparison (marks, comparison, index);
          gloss_compare_marks_set_unique (marks, self->show_unique);
          show_summary (view, comparison, index, run->views);
        }
      else
        {
          gloss_compare_marks_set_comparison (marks, NULL, 0);
          gloss_article_view_set_compare_summary (view, NULL, NULL);
        }
    }
  g_debug ("%u passages shared by %u articles, marked %.1f ms after the request",
           gloss_comparison_get_n_passages (comparison), run->views->len,
           (g_get_monotonic_time () - run->started) / 1000.0);
  update_actions (self);
}

static guint
get_min_words (GlossWindow *self)
{
  return (guint) MAX (2, gloss_settings_get_compare_min_words (gloss_settings_get_default ()));
}

static gboolean
start_compare (gpointer data)
{
  GlossWindow *self = data;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  CompareRun *run;

  self->compare_source = 0;
  if (!self->compare)
    return G_SOURCE_REMOVE;

  /* a column still filling its text is compared once it is done */
  for (guint i = 0; i < n_views (self); i++)
    if (gloss_article_view_get_loading (view_at (self, i)))
      return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();

  run = g_new0 (CompareRun, 1);
  run->self = g_object_ref (self);
  run->views = g_ptr_array_new_with_free_func (g_object_unref);
  run->started = g_get_monotonic_time ();
  for (guint i = 0; i < n_views (self); i++)
    {
      GlossArticle *article = gloss_article_view_get_article (view_at (self, i));

      if (article == NULL)
        continue;
      g_ptr_array_add (run->views, g_object_ref (view_at (self, i)));
      g_ptr_array_add (texts, (gpointer) gloss_article_get_text (article));
    }

  /* one article has nothing to share; it still shows that Compare is on */
  if (run->views->len < 2)
    {
      compare_run_free (run);
      clear_comparison (self);
      return G_SOURCE_REMOVE;
    }

  gloss_compare_run_async ((const char * const *) texts->pdata, texts->len,
                           get_min_words (self), self->compare_cancellable, on_compared, run);
  return G_SOURCE_REMOVE;
}

static void
queue_compare (GlossWindow *self)
{
  if (!self->compare)
    return;

  g_clear_handle_id (&self->compare_source, g_source_remove);
  self->compare_source = g_timeout_add (COMPARE_DELAY_MS, start_compare, self);
}

static void
set_compare (GlossWindow *self,
             gboolean     compare)
{
  compare = !!compare;
  if (self->compare == compare)
    return;

  self->compare = compare;
  if (compare)
    {
      /* at once: nothing to wait for */
      g_clear_handle_id (&self->compare_source, g_source_remove);
      start_compare (self);
    }
  else
    {
      g_clear_handle_id (&self->compare_source, g_source_remove);
      clear_comparison (self);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

static void
set_show_unique (GlossWindow *self,
                 gboolean     show_unique)
{
  show_unique = !!show_unique;
  if (self->show_unique == show_unique)
    return;

  self->show_unique = show_unique;
  for (guint i = 0; i < n_views (self); i++)
    gloss_compare_marks_set_unique (gloss_article_view_get_compare_marks (view_at (self, i)),
                                    show_unique);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_UNIQUE]);
}

/* Columns */

static void
on_view_close_requested (GlossWindow      *self,
                         GlossArticleView *view)
{
  gboolean was_current = view == self->current;

  guint position;

  if (was_current)
    self->current = NULL;

  if (g_list_store_find (self->views, view, &position))
    g_list_store_remove (self->views, position);
  gloss_columns_remove (self->columns, GTK_WIDGET (view));
  queue_refresh_tags (self);
  queue_compare (self);

  if (was_current && n_views (self) > 0)
    {
      GlossArticleView *next = GLOSS_ARTICLE_VIEW (gloss_columns_get_visible_child (self->columns));

      set_current (self, next);
      gloss_article_view_focus_text (next);
    }

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gloss_find_bar_search (self->find_bar);
  update_title (self);
}

static void
on_view_move_requested (GlossWindow      *self,
                        int               delta,
                        GlossArticleView *view)
{
  int index = gloss_columns_index_of (self->columns, GTK_WIDGET (view));

  if (index + delta < 0 || index + delta >= (int) n_views (self))
    return;

  gloss_columns_move (self->columns, GTK_WIDGET (view), index + delta);
  update_title (self);
}

/* A column dropped on another takes its place; the others make room. */
static void
on_view_dropped (GlossWindow      *self,
                 GlossArticleView *dropped,
                 GlossArticleView *target)
{
  int index = gloss_columns_index_of (self->columns, GTK_WIDGET (target));

  if (index < 0 || gloss_columns_index_of (self->columns, GTK_WIDGET (dropped)) < 0)
    return;

  gloss_columns_move (self->columns, GTK_WIDGET (dropped), index);
  update_title (self);
}

static void
on_view_focus_enter (GtkEventControllerFocus *controller,
                     GlossWindow             *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  set_current (self, GLOSS_ARTICLE_VIEW (view));
}

static GlossArticleView *
find_view (GlossWindow *self,
           GFile       *file)
{
  for (guint i = 0; i < n_views (self); i++)
    if (g_file_equal (gloss_article_view_get_file (view_at (self, i)), file))
      return view_at (self, i);

  return NULL;
}

static void
add_view (GlossWindow *self,
          GFile       *file)
{
  GlossArticleView *existing = find_view (self, file);
  GtkWidget *view;
  GtkEventController *focus;
  GlossCompareMarks *marks;
  g_autofree char *uri = NULL;

  if (existing != NULL)
    {
      set_current (self, existing);
      gloss_article_view_focus_text (existing);
      return;
    }

  view = gloss_article_view_new (file);
  gloss_article_view_set_zoom (GLOSS_ARTICLE_VIEW (view), self->zoom);
  gloss_article_view_set_history (GLOSS_ARTICLE_VIEW (view), self->history);
  gloss_article_view_set_known_tags (GLOSS_ARTICLE_VIEW (view), G_LIST_MODEL (self->tags));
  g_signal_connect_object (view, "notify::annotations",
                           G_CALLBACK (on_view_annotations), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "annotation-deleted",
                           G_CALLBACK (on_annotation_deleted), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (view, "close-requested",
                           G_CALLBACK (on_view_close_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "move-requested",
                           G_CALLBACK (on_view_move_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "view-dropped",
                           G_CALLBACK (on_view_dropped), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::title",
                           G_CALLBACK (update_page_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gloss_article_view_get_vadjustment (GLOSS_ARTICLE_VIEW (view)),
                           "value-changed", G_CALLBACK (on_scrolled), self,
                           G_CONNECT_SWAPPED);
  /* compared again when the text is there, and when it is read again */
  g_signal_connect_object (view, "notify::loading", G_CALLBACK (queue_compare), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::article", G_CALLBACK (queue_compare), self,
                           G_CONNECT_SWAPPED);
  marks = gloss_article_view_get_compare_marks (GLOSS_ARTICLE_VIEW (view));
  g_signal_connect_object (marks, "hovered", G_CALLBACK (on_passage_hovered), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (marks, "activated", G_CALLBACK (on_passage_activated), self,
                           G_CONNECT_SWAPPED);
  gloss_compare_marks_set_unique (marks, self->show_unique);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_view_focus_enter), self, 0);
  gtk_widget_add_controller (view, focus);

  gloss_columns_append (self->columns, view);
  g_list_store_append (self->views, view);

  if (self->current == NULL)
    {
      set_current (self, GLOSS_ARTICLE_VIEW (view));
      gloss_article_view_focus_text (GLOSS_ARTICLE_VIEW (view));
    }

  /* GTK files recent items under the application's name; without one it cannot. */
  if (g_get_application_name () != NULL && g_get_prgname () != NULL)
    {
      uri = g_file_get_uri (file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }

  update_title (self);
}

typedef struct
{
  GlossWindow *self;
  GFile       *folder;
} FolderRequest;

static void
folder_request_free (FolderRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->folder);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FolderRequest, folder_request_free)

static void
on_folder_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FolderRequest) request = user_data;
  GlossWindow *self = request->self;
  GFile *folder = request->folder;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;

  self->pending_folders--;
  files = gloss_folder_list_articles_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (files == NULL || files->len == 0)
    {
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *message = NULL;

      if (files == NULL)
        /* TRANSLATORS: a folder name, then why it could not be read */
        message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      else
        message = g_strdup_printf (_("No articles in “%s”"), name);
      toast (self, message);
      return;
    }

  open_file_list (self, (GFile **) files->pdata, files->len);
}

static void
open_file_list (GlossWindow  *self,
                GFile       **files,
                guint         n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) ==
          G_FILE_TYPE_DIRECTORY)
        {
          FolderRequest *request = g_new0 (FolderRequest, 1);

          request->self = g_object_ref (self);
          request->folder = g_object_ref (files[i]);
          self->pending_folders++;
          gloss_folder_list_articles_async (files[i], self->cancellable, on_folder_listed,
                                            request);
        }
      else
        add_view (self, files[i]);
    }
}

/* Recent files */

static void
update_recent_menu (GlossWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  const char *app_name = g_get_application_name ();
  guint count = 0;

  g_menu_remove_all (self->recent_section);

  for (GList *l = items; l != NULL && count < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (app_name == NULL || !gtk_recent_info_has_application (info, app_name) ||
          !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
      count++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Dialogs */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  GlossWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      open_file_list (self, (GFile **) array->pdata, array->len);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
run_open_dialog (GlossWindow          *self,
                 GtkFileChooserAction  action)
{
  GtkFileChooserNative *dialog;
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  dialog = gtk_file_chooser_native_new (folder ? _("Open Folder") : _("Open Articles"),
                                        GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (!folder)
    {
      g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
      gtk_file_filter_set_name (articles, _("Articles"));
      gtk_file_filter_add_mime_type (articles, "text/plain");
      gtk_file_filter_add_mime_type (articles, "text/markdown");
      gtk_file_filter_add_mime_type (articles, "text/html");
      gtk_file_filter_add_suffix (articles, "md");
      gtk_file_filter_add_suffix (articles, "markdown");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), articles);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_open_dialog (GLOSS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_open_dialog (GLOSS_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file_list (GLOSS_WINDOW (widget), &file, 1);
}

static void
close_article_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->current != NULL)
    on_view_close_requested (self, self->current);
}

static void
step_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_current (GLOSS_WINDOW (widget), g_str_equal (action_name, "win.next-article") ? 1 : -1);
}

static void
move_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (self->current != NULL)
    on_view_move_requested (self, g_str_equal (action_name, "win.move-article-left") ? -1 : 1,
                            self->current);
}

static void
set_zoom (GlossWindow *self,
          double       zoom)
{
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  self->zoom = zoom;
  for (guint i = 0; i < n_views (self); i++)
    gloss_article_view_set_zoom (view_at (self, i), zoom);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    set_zoom (self, self->zoom + ZOOM_STEP);
  else if (g_str_equal (action_name, "win.zoom-out"))
    set_zoom (self, self->zoom - ZOOM_STEP);
  else
    set_zoom (self, 1.0);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gloss_find_bar_focus (self->find_bar);
}

static void
find_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gloss_find_bar_step (GLOSS_WINDOW (widget)->find_bar,
                       g_str_equal (action_name, "win.find-next") ? 1 : -1);
}

static void
equal_widths_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gloss_columns_reset_widths (GLOSS_WINDOW (widget)->columns);
}

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  open_file_list (self, (GFile **) files->pdata, files->len);

  return files->len > 0;
}

/* Session */

static void
save_session (GlossWindow *self)
{
  GlossSettings *settings = gloss_settings_get_default ();
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_object_set (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)), NULL);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    g_object_set (settings, "window-width", width, "window-height", height, NULL);

  for (guint i = 0; i < n_views (self); i++)
    {
      g_autofree char *uri = g_file_get_uri (gloss_article_view_get_file (view_at (self, i)));

      g_strv_builder_add (uris, uri);
    }
  strv = g_strv_builder_end (uris);
  g_object_set (settings, "open-articles", strv, NULL);
}

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  save_session (GLOSS_WINDOW (window));

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_handle_id (&self->tags_source, g_source_remove);
  g_clear_handle_id (&self->compare_source, g_source_remove);
  /* the columns going drop their steps from the history: nothing to update by then */
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  self->current = NULL;
  if (self->views != NULL)
    g_list_store_remove_all (self->views);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_finalize (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_object (&self->comparison);
  g_clear_object (&self->history);
  g_clear_object (&self->views);
  g_clear_object (&self->tags);
  g_clear_pointer (&self->folder_tags, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_window_parent_class)->finalize (object);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SCROLL_TOGETHER:
      g_value_set_boolean (value, self->scroll_together);
      break;

    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;

    case PROP_SHOW_UNIQUE:
      g_value_set_boolean (value, self->show_unique);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SCROLL_TOGETHER:
      if (self->scroll_together != g_value_get_boolean (value))
        {
          self->scroll_together = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COMPARE:
      set_compare (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_UNIQUE:
      set_show_unique (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gloss_window_dispose;
  object_class->finalize = gloss_window_finalize;
  object_class->get_property = gloss_window_get_property;
  object_class->set_property = gloss_window_set_property;

  window_class->close_request = gloss_window_close_request;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCROLL_TOGETHER] =
    g_param_spec_boolean ("scroll-together", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_UNIQUE] =
    g_param_spec_boolean ("show-unique", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_COLUMNS);
  g_type_ensure (GLOSS_TYPE_FIND_BAR);
  g_type_ensure (GLOSS_TYPE_ANNOTATION_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, columns);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, page_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, page_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, on_find_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_find_view_activated);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_stop);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.close-article", NULL,
                                   close_article_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, step_article_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL,
                                   step_article_action);
  gtk_widget_class_install_action (widget_class, "win.move-article-left", NULL,
                                   move_article_action);
  gtk_widget_class_install_action (widget_class, "win.move-article-right", NULL,
                                   move_article_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_step_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_step_action);
  gtk_widget_class_install_action (widget_class, "win.equal-widths", NULL, equal_widths_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-annotations", NULL, annotations_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_property_action (widget_class, "win.scroll-together",
                                            "scroll-together");
  gtk_widget_class_install_property_action (widget_class, "win.compare", "compare");
  gtk_widget_class_install_property_action (widget_class, "win.show-unique", "show-unique");
  gtk_widget_class_install_action (widget_class, "win.next-passage", NULL, step_passage_action);
  gtk_widget_class_install_action (widget_class, "win.previous-passage", NULL,
                                   step_passage_action);
  gtk_widget_class_install_action (widget_class, "win.annotate-passage", NULL,
                                   annotate_passage_action);

  add_binding (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open");
  add_binding (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder");
  add_binding (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-article");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset");
  add_binding (widget_class, GDK_KEY_F9, 0, "win.show-annotations");
  add_binding (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo");
  add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo");
  add_binding (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo");
  add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous");
  add_binding (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.compare");
  add_binding (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.annotate-passage");
}

/* Ctrl+scroll zooms, as in every GNOME reading app. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           GlossWindow              *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  set_zoom (self, self->zoom + (dy < 0 ? ZOOM_STEP : -ZOOM_STEP));
  return TRUE;
}

/* Moving between columns works from inside the text too, where GtkTextView has its own
 * Ctrl+Page Up/Down: these shortcuts are handled before the event reaches the text. */
static void
add_column_shortcuts (GlossWindow *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  mods;
    const char      *action;
  } shortcuts[] = {
    { GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-article" },
    { GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-article" },
    { GDK_KEY_Page_Up, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.move-article-left" },
    { GDK_KEY_Page_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.move-article-right" },
    { GDK_KEY_Page_Down, GDK_ALT_MASK, "win.next-passage" },
    { GDK_KEY_Page_Up, GDK_ALT_MASK, "win.previous-passage" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (shortcuts[i].keyval,
                                                                                    shortcuts[i].mods),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
gloss_window_init (GlossWindow *self)
{
  GlossSettings *settings = gloss_settings_get_default ();
  GtkEventController *scroll;
  GtkDropTarget *drop;
  int width, height;
  gboolean maximized;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->zoom = 1.0;
  self->active_passage = -1;
  self->history = gloss_annotation_history_new ();
  self->views = g_list_store_new (GLOSS_TYPE_ARTICLE_VIEW);
  self->tags = gtk_string_list_new (NULL);
  self->folder_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_strfreev);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  g_object_get (settings, "window-width", &width, "window-height", &height,
                "window-maximized", &maximized, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  g_object_bind_property (settings, "zoom", self, "zoom",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (settings, "scroll-together", self, "scroll-together",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gloss_find_bar_set_columns (self->find_bar, self->columns);
  gloss_annotation_sidebar_set_views (self->sidebar, G_LIST_MODEL (self->views));
  gloss_annotation_sidebar_set_history (self->sidebar, self->history);

  g_signal_connect_object (self->columns, "notify::folded",
                           G_CALLBACK (update_page_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->columns, "notify::visible-child",
                           G_CALLBACK (update_page_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::compare-min-words",
                           G_CALLBACK (queue_compare), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  add_column_shortcuts (self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_title (self);
}

GlossWindow *
gloss_window_new (GtkApplication *application)
{
  return g_object_new (GLOSS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * gloss_window_open_files:
 * @files: (array length=n_files): articles, or folders whose articles to open
 *
 * Adds a column for each article; an article that is open already is focused instead.
 */
void
gloss_window_open_files (GlossWindow  *self,
                         GFile       **files,
                         guint         n_files)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));

  open_file_list (self, files, n_files);
}

/* Opens the articles that were open when the last window closed, if they still exist. */
void
gloss_window_restore_session (GlossWindow *self)
{
  g_auto(GStrv) uris = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GLOSS_IS_WINDOW (self));

  g_object_get (gloss_settings_get_default (), "open-articles", &uris, NULL);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);

      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, g_steal_pointer (&file));
    }

  open_file_list (self, (GFile **) files->pdata, files->len);
}

GlossColumns *
gloss_window_get_columns (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->columns;
}

GlossArticleView *
gloss_window_get_current_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->current;
}

double
gloss_window_get_zoom (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), 1.0);

  return self->zoom;
}

GtkEditable *
gloss_window_get_search_entry (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gloss_find_bar_get_entry (self->find_bar);
}

/* "3 of 12", "No matches", or NULL when nothing is searched. */
const char *
gloss_window_get_search_status (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gloss_find_bar_get_status (self->find_bar);
}

/* Whether folders are being listed or articles read: tests wait for this to end. */
gboolean
gloss_window_get_busy (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  if (self->pending_folders > 0)
    return TRUE;

  for (guint i = 0; i < n_views (self); i++)
    if (gloss_article_view_get_loading (view_at (self, i)))
      return TRUE;

  return FALSE;
}

/* Returns: (transfer none): the open columns, as a list of GlossArticleView */
GListModel *
gloss_window_get_views (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->views);
}

/* Returns: (transfer none): undo and redo of annotation edits in every column */
GlossAnnotationHistory *
gloss_window_get_history (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->history;
}

/* Returns: (nullable): the comparison marked in the columns while Compare is on */
GlossComparison *
gloss_window_get_comparison (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->comparison;
}

/* Returns: (transfer none): the tags the tag entries complete from, as GtkStringObjects */
GListModel *
gloss_window_get_known_tags (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->tags);
}
