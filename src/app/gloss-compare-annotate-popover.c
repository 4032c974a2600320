/* gloss-compare-annotate-popover.c: highlight a shared passage in every article at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With Compare on, "both outlets quote the FSB chief" is one step: this popover asks for a
 * colour, tags and a note once, and highlights every span of the passage in every column
 * with them, as one step of the window's history, so that one Undo takes them all back.
 * The columns' annotators save the new highlights as they save any other.
 *
 * Built in code rather than from a template: it is a handful of widgets, and nothing else
 * shares them.
 */

#define G_LOG_DOMAIN "gloss-compare-annotate-popover"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-article-view.h"
#include "gloss-compare-annotate-popover.h"
#include "gloss-highlighter.h"
#include "gloss-settings.h"

struct _GlossCompareAnnotatePopover
{
  GtkPopover              parent_instance;

  GListModel             *views;       /* of GlossArticleView */
  GlossComparison        *comparison;
  guint                   passage;
  GlossAnnotationHistory *history;
  char                   *color;
  guint                   focus_source;

  GtkLabel               *summary;
  GtkEntry               *tag_entry;
  GtkListStore           *completions;  /* tags of the open articles */
  GtkTextView            *note_view;
  GPtrArray              *color_buttons;
};

G_DEFINE_FINAL_TYPE (GlossCompareAnnotatePopover, gloss_compare_annotate_popover, GTK_TYPE_POPOVER)

/* The columns that show an article of @comparison with @passage in it, and its spans there. */
static guint
count_spans (GListModel      *views,
             GlossComparison *comparison,
             guint            passage,
             guint           *n_articles)
{
  GlossSharedPassage *shared = gloss_comparison_get_passage (comparison, passage);
  const GlossPassageSpan *spans;
  guint n_spans, n = 0;

  *n_articles = 0;
  spans = gloss_shared_passage_get_spans (shared, &n_spans);
  for (guint v = 0; v < g_list_model_get_n_items (views); v++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (views, v);
      GlossCompareMarks *marks = gloss_article_view_get_compare_marks (view);
      guint article = gloss_compare_marks_get_article (marks);
      guint here = 0;

      if (gloss_compare_marks_get_comparison (marks) != comparison ||
          gloss_article_view_get_annotations (view) == NULL)
        continue;
      for (guint s = 0; s < n_spans; s++)
        here += spans[s].article == article;
      n += here;
      *n_articles += here > 0;
    }

  return n;
}

/**
 * gloss_compare_annotate_passage:
 * @views: the window's columns, of #GlossArticleView
 * @comparison: the comparison their compare marks show
 * @passage: one of its passages
 * @color: a palette colour
 * @tags: (nullable): tags for every highlight
 * @note: (nullable): a note for every highlight
 * @history: (nullable): where the edit is recorded, as one step
 *
 * Highlights every span of @passage, in every column that has it, with the same colour,
 * tags and note.
 *
 * Returns: how many highlights were made
 */
guint
gloss_compare_annotate_passage (GListModel             *views,
                                GlossComparison        *comparison,
                                guint                   passage,
                                const char             *color,
                                const char * const     *tags,
                                const char             *note,
                                GlossAnnotationHistory *history)
{
  GlossSharedPassage *shared;
  const GlossPassageSpan *spans;
  g_auto(GStrv) normal_tags = NULL;
  guint n_spans, made = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (views), 0);
  g_return_val_if_fail (GLOSS_IS_COMPARISON (comparison), 0);
  g_return_val_if_fail (passage < gloss_comparison_get_n_passages (comparison), 0);
  g_return_val_if_fail (history == NULL || GLOSS_IS_ANNOTATION_HISTORY (history), 0);

  if (color == NULL || !gloss_annotation_color_is_valid (color))
    color = GLOSS_ANNOTATION_DEFAULT_COLOR;
  normal_tags = gloss_annotation_normalize_tags (tags);

  shared = gloss_comparison_get_passage (comparison, passage);
  spans = gloss_shared_passage_get_spans (shared, &n_spans);

  if (history != NULL)
    gloss_annotation_history_begin (history, _("Highlight in Every Article"));

  for (guint v = 0; v < g_list_model_get_n_items (views); v++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (views, v);
      GlossCompareMarks *marks = gloss_article_view_get_compare_marks (view);
      GlossAnnotationSet *set = gloss_article_view_get_annotations (view);
      GlossArticle *article = gloss_article_view_get_article (view);
      guint index = gloss_compare_marks_get_article (marks);

      /* a column read again since the comparison is compared again; not annotated now */
      if (gloss_compare_marks_get_comparison (marks) != comparison || set == NULL ||
          article == NULL)
        continue;

      for (guint s = 0; s < n_spans; s++)
        {
          g_autoptr(GlossAnnotation) annotation = NULL;

          if (spans[s].article != index || spans[s].end > gloss_article_get_length (article))
            continue;

          annotation = gloss_annotation_new_for_article (article, spans[s].start, spans[s].end);
          gloss_annotation_set_color (annotation, color);
          gloss_annotation_set_tags (annotation, (const char * const *) normal_tags);
          if (note != NULL && *note != '\0')
            gloss_annotation_set_note (annotation, note);

          if (history != NULL)
            gloss_annotation_history_track (history, set, gloss_annotation_get_id (annotation));
          if (gloss_annotation_set_add (set, annotation))
            made++;
        }
    }

  if (history != NULL)
    gloss_annotation_history_end (history);

  return made;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The tags the open articles use, to complete from, sorted. */
static void
fill_completions (GlossCompareAnnotatePopover *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  gtk_list_store_clear (self->completions);
  for (guint v = 0; v < g_list_model_get_n_items (self->views); v++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (self->views, v);
      GListModel *set = G_LIST_MODEL (gloss_article_view_get_annotations (view));

      for (guint i = 0; set != NULL && i < g_list_model_get_n_items (set); i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (set, i);
          const char * const *own = gloss_annotation_get_tags (annotation);

          for (guint t = 0; own != NULL && own[t] != NULL; t++)
            if (g_hash_table_add (seen, g_strdup (own[t])))
              g_ptr_array_add (tags, (gpointer) own[t]);
        }
    }

  g_ptr_array_sort (tags, compare_tags);
  for (guint i = 0; i < tags->len; i++)
    gtk_list_store_insert_with_values (self->completions, NULL, -1, 0,
                                       g_ptr_array_index (tags, i), -1);
}

/* Where the tag being typed starts: after the last comma. */
static const char *
last_tag (const char *text)
{
  const char *comma = strrchr (text, ',');

  text = comma != NULL ? comma + 1 : text;
  while (*text == ' ')
    text++;
  return text;
}

/* Completes the tag being typed, not the whole list. */
static gboolean
match_tag (GtkEntryCompletion *completion,
           const char         *key,
           GtkTreeIter        *iter,
           gpointer            user_data)
{
  g_autofree char *tag = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *folded = NULL;
  const char *last = last_tag (key);

  if (*last == '\0')
    return FALSE;
  gtk_tree_model_get (gtk_entry_completion_get_model (completion), iter, 0, &tag, -1);
  typed = g_utf8_casefold (last, -1);
  folded = g_utf8_casefold (tag, -1);
  return g_str_has_prefix (folded, typed);
}

static gboolean
on_match_selected (GtkEntryCompletion          *completion,
                   GtkTreeModel                *model,
                   GtkTreeIter                 *iter,
                   GlossCompareAnnotatePopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  g_autofree char *tag = NULL;
  g_autofree char *before = g_strndup (text, last_tag (text) - text);
  g_autofree char *completed = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  completed = g_strconcat (before, tag, ", ", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), completed);
  gtk_editable_set_position (GTK_EDITABLE (self->tag_entry), -1);
  return TRUE;
}

static void
select_color (GlossCompareAnnotatePopover *self,
              const char                  *color)
{
  if (color == NULL || !gloss_annotation_color_is_valid (color))
    color = GLOSS_ANNOTATION_DEFAULT_COLOR;

  g_free (self->color);
  self->color = g_strdup (color);
  for (guint i = 0; i < self->color_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->color_buttons, i);

      gtk_toggle_button_set_active (button, g_str_equal (g_object_get_data (G_OBJECT (button),
                                                                            "color"), color));
    }
}

static void
on_color_toggled (GtkToggleButton             *button,
                  GlossCompareAnnotatePopover *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  g_free (self->color);
  self->color = g_strdup (g_object_get_data (G_OBJECT (button), "color"));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gloss_compare_annotate_popover_apply (GLOSS_COMPARE_ANNOTATE_POPOVER (widget));
}

static void
on_tag_entry_activate (GlossCompareAnnotatePopover *self)
{
  gloss_compare_annotate_popover_apply (self);
}

static gboolean
focus_tags (gpointer data)
{
  GlossCompareAnnotatePopover *self = data;

  self->focus_source = 0;
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  return G_SOURCE_REMOVE;
}

/* The tags get the focus, not the first colour as GtkPopover would have it; once the
 * popover is up, as moving the focus while it maps makes GTK 4.8 paint the column's text
 * view before it is allocated again. */
static void
on_map (GlossCompareAnnotatePopover *self)
{
  g_clear_handle_id (&self->focus_source, g_source_remove);
  self->focus_source = g_idle_add (focus_tags, self);
}

static void
gloss_compare_annotate_popover_dispose (GObject *object)
{
  GlossCompareAnnotatePopover *self = GLOSS_COMPARE_ANNOTATE_POPOVER (object);

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_object (&self->views);
  g_clear_object (&self->comparison);
  g_clear_object (&self->history);
  g_clear_object (&self->completions);

  G_OBJECT_CLASS (gloss_compare_annotate_popover_parent_class)->dispose (object);
}

static void
gloss_compare_annotate_popover_finalize (GObject *object)
{
  GlossCompareAnnotatePopover *self = GLOSS_COMPARE_ANNOTATE_POPOVER (object);

  g_free (self->color);
  g_clear_pointer (&self->color_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_compare_annotate_popover_parent_class)->finalize (object);
}

static void
gloss_compare_annotate_popover_class_init (GlossCompareAnnotatePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_compare_annotate_popover_dispose;
  object_class->finalize = gloss_compare_annotate_popover_finalize;

  gtk_widget_class_install_action (widget_class, "compare-annotate.apply", NULL, apply_action);
  /* Ctrl+Enter from the note, where Enter starts a new line */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "compare-annotate.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "compare-annotate.apply", NULL);
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

static void
gloss_compare_annotate_popover_init (GlossCompareAnnotatePopover *self)
{
  const char * const *colors = gloss_annotation_list_colors ();
  GtkWidget *box, *heading, *color_box, *scroller, *button, *tags_label, *note_label;
  GtkEntryCompletion *completion;
  GtkWidget *group = NULL;

  self->color_buttons = g_ptr_array_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "annotation-popover");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Highlight in Every Article"), -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_size_request (box, 300, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);

  heading = gtk_label_new (_("Highlight in Every Article"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_max_width_chars (self->summary, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));

  color_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_halign (color_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (color_box, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (color_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colour"), -1);
  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkWidget *color = gtk_toggle_button_new ();
      g_autofree char *css_class = g_strconcat ("color-", colors[i], NULL);
      const char *name = gloss_highlighter_color_display_name (colors[i]);

      gtk_widget_add_css_class (color, "color-button");
      gtk_widget_add_css_class (color, css_class);
      gtk_widget_set_tooltip_text (color, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (color), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data (G_OBJECT (color), "color", (gpointer) colors[i]);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (color), GTK_TOGGLE_BUTTON (group));
      else
        group = color;
      g_signal_connect_object (color, "toggled", G_CALLBACK (on_color_toggled), self, 0);
      gtk_box_append (GTK_BOX (color_box), color);
      g_ptr_array_add (self->color_buttons, color);
    }
  gtk_box_append (GTK_BOX (box), color_box);

  /* TRANSLATORS: the heading above the tags of the new highlights */
  tags_label = caption (C_("compare annotate", "Tags"));
  gtk_box_append (GTK_BOX (box), tags_label);
  self->tag_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->tag_entry, _("Separated by commas"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->tag_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, tags_label, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Tags for every highlight, separated by commas; Enter "
                                    "highlights"), -1);
  g_signal_connect_object (self->tag_entry, "activate", G_CALLBACK (on_tag_entry_activate), self,
                           G_CONNECT_SWAPPED);
  self->completions = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, match_tag, NULL, NULL);
  gtk_entry_completion_set_popup_single_match (completion, TRUE);
  g_signal_connect_object (completion, "match-selected", G_CALLBACK (on_match_selected), self, 0);
  gtk_entry_set_completion (self->tag_entry, completion);
  g_object_unref (completion);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tag_entry));

  note_label = caption (C_("compare annotate", "Note"));
  gtk_box_append (GTK_BOX (box), note_label);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 72);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "note-frame");
  self->note_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->note_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->note_view, FALSE);
  gtk_text_view_set_top_margin (self->note_view, 6);
  gtk_text_view_set_bottom_margin (self->note_view, 6);
  gtk_text_view_set_left_margin (self->note_view, 6);
  gtk_text_view_set_right_margin (self->note_view, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_view), "note");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->note_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, note_label, NULL, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The same note on every highlight; Ctrl+Enter highlights"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->note_view));
  gtk_box_append (GTK_BOX (box), scroller);

  button = gtk_button_new_with_mnemonic (_("_Highlight Everywhere"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 4);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare-annotate.apply");
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_default_widget (GTK_POPOVER (self), button);

  g_signal_connect_after (self, "map", G_CALLBACK (on_map), NULL);
}

GtkWidget *
gloss_compare_annotate_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_COMPARE_ANNOTATE_POPOVER, NULL);
}

/**
 * gloss_compare_annotate_popover_setup:
 * @views: the window's columns, of #GlossArticleView
 * @comparison: what their compare marks show
 * @passage: the passage to highlight
 * @history: (nullable): the window's history
 *
 * Readies the popover for @passage, with the last colour used, and empty tags and note.
 */
void
gloss_compare_annotate_popover_setup (GlossCompareAnnotatePopover *self,
                                      GListModel                  *views,
                                      GlossComparison             *comparison,
                                      guint                        passage,
                                      GlossAnnotationHistory      *history)
{
  g_autofree char *last = NULL;
  g_autofree char *summary = NULL;
  guint n_spans, n_articles;

  g_return_if_fail (GLOSS_IS_COMPARE_ANNOTATE_POPOVER (self));
  g_return_if_fail (G_IS_LIST_MODEL (views));
  g_return_if_fail (GLOSS_IS_COMPARISON (comparison));
  g_return_if_fail (passage < gloss_comparison_get_n_passages (comparison));

  g_set_object (&self->views, views);
  g_set_object (&self->comparison, comparison);
  g_set_object (&self->history, history);
  self->passage = passage;

  n_spans = count_spans (views, comparison, passage, &n_articles);
  if (n_spans > n_articles)
    /* TRANSLATORS: %u highlights in %u articles: one of them repeats the passage */
    summary = g_strdup_printf (_("Adds %u highlights, in %u articles"), n_spans, n_articles);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Adds the same highlight in the %u article that "
                                            "shares this passage",
                                            "Adds the same highlight in each of the %u articles "
                                            "that share this passage",
                                            n_articles),
                               n_articles);
  gtk_label_set_label (self->summary, summary);

  last = g_strdup (gloss_settings_get_highlight_color (gloss_settings_get_default ()));
  select_color (self, last);
  fill_completions (self);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
}

/**
 * gloss_compare_annotate_popover_apply:
 *
 * What the Highlight Everywhere button does: highlights the passage everywhere with the
 * colour, tags and note given, and closes.
 *
 * Returns: how many highlights were made
 */
guint
gloss_compare_annotate_popover_apply (GlossCompareAnnotatePopover *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  guint made;

  g_return_val_if_fail (GLOSS_IS_COMPARE_ANNOTATE_POPOVER (self), 0);

  if (self->comparison == NULL || self->views == NULL)
    return 0;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)), ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    g_strstrip (tags[i]);

  made = gloss_compare_annotate_passage (self->views, self->comparison, self->passage,
                                         self->color, (const char * const *) tags, note,
                                         self->history);
  if (made > 0)
    gloss_settings_set_highlight_color (gloss_settings_get_default (), self->color);

  gtk_popover_popdown (GTK_POPOVER (self));
  return made;
}

/**
 * gloss_compare_annotate_add_menu_item:
 * @text_view: a column's text view
 *
 * Adds "Highlight in Every Article" to the context menu of @text_view, after what is there;
 * it shows while the window's action is enabled, that is while Compare is on.
 */
void
gloss_compare_annotate_add_menu_item (GtkTextView *text_view)
{
  GMenuModel *extra;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  extra = gtk_text_view_get_extra_menu (text_view);
  if (extra != NULL)
    g_menu_append_section (menu, NULL, extra);
  item = g_menu_item_new (_("Highlight in _Every Article…"), "win.annotate-passage");
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  gtk_text_view_set_extra_menu (text_view, G_MENU_MODEL (menu));
}

/* Picks a palette colour for the next highlights, as its button does. */
void
gloss_compare_annotate_popover_set_color (GlossCompareAnnotatePopover *self,
                                          const char                  *color)
{
  g_return_if_fail (GLOSS_IS_COMPARE_ANNOTATE_POPOVER (self));

  select_color (self, color);
}

/* Returns: (transfer none): the entry of the tags, comma-separated */
GtkEditable *
gloss_compare_annotate_popover_get_tags (GlossCompareAnnotatePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_ANNOTATE_POPOVER (self), NULL);

  return GTK_EDITABLE (self->tag_entry);
}

/* Returns: (transfer none): the buffer of the note */
GtkTextBuffer *
gloss_compare_annotate_popover_get_note (GlossCompareAnnotatePopover *self)
{
  g_return_val_if_fail (GLOSS_IS_COMPARE_ANNOTATE_POPOVER (self), NULL);

  return gtk_text_view_get_buffer (self->note_view);
}
