/* gloss-annotation-popover.c: edit one highlight: colour, tags, note, passage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened on a highlight (a click, or Enter with the caret in it). Where highlights overlap
 * it first lists them to pick one. Everything done while it is open — colour, tags, the
 * note as it is typed, the passage made longer or shorter — is one step for undo, taken
 * when it closes. Edits reach the annotation at once, so they are saved as they happen.
 */

#define G_LOG_DOMAIN "gloss-annotation-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-popover.h"
#include "gloss-highlighter.h"
#include "gloss-markdown-exporter.h"

#define QUOTE_CHOICE_CHARS 60

struct _GlossAnnotationPopover
{
  GtkPopover              parent_instance;

  GlossAnnotationSet     *set;
  GlossAnnotation        *annotation;
  GlossAnnotationHistory *history;
  gboolean                in_step;
  gboolean                loading_note;
  GPtrArray              *choices;   /* of GlossAnnotation, for the "choose" page */
  GListModel             *known_tags;
  GtkListStore           *completions;

  GtkStack               *stack;
  GtkListBox             *choice_list;
  GtkBox                 *color_box;
  GtkLabel               *state_label;
  GtkFlowBox             *tag_box;
  GtkEntry               *tag_entry;
  GtkTextView            *note_view;
  GtkWidget              *note_placeholder;
  GPtrArray              *color_buttons;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationPopover, gloss_annotation_popover, GTK_TYPE_POPOVER)

enum {
  RESIZE_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
end_step (GlossAnnotationPopover *self)
{
  if (self->in_step)
    {
      self->in_step = FALSE;
      gloss_annotation_history_end (self->history);
    }
}

static void
on_tag_removed (GtkButton              *button,
                GlossAnnotationPopover *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");

  if (self->annotation != NULL)
    gloss_annotation_remove_tag (self->annotation, tag);
}

static void
update_tags (GlossAnnotationPopover *self)
{
  const char * const *tags;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box))) != NULL)
    gtk_flow_box_remove (self->tag_box, child);

  if (self->annotation == NULL)
    return;

  tags = gloss_annotation_get_tags (self->annotation);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *label = gtk_label_new (tags[i]);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *name = g_strdup_printf (_("Remove Tag “%s”"), tags[i]);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (box, "tag-chip");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, name);
      g_object_set_data_full (G_OBJECT (remove), "tag", g_strdup (tags[i]), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_tag_removed), self, 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_flow_box_append (self->tag_box, box);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tag_box), tags[0] != NULL);
}

static void
update_colors (GlossAnnotationPopover *self)
{
  const char *color = self->annotation ? gloss_annotation_get_color (self->annotation) : NULL;

  for (guint i = 0; i < self->color_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->color_buttons, i);
      const char *name = g_object_get_data (G_OBJECT (button), "color");

      gtk_toggle_button_set_active (button, g_strcmp0 (name, color) == 0);
    }
}

static void
update_state (GlossAnnotationPopover *self)
{
  const char *text = NULL;

  if (self->annotation == NULL)
    return;

  switch (gloss_annotation_get_anchor_state (self->annotation))
    {
    case GLOSS_ANCHOR_STATE_FUZZY:
      text = _("The article changed here since this was highlighted: check that it still "
               "marks the right passage.");
      break;
    case GLOSS_ANCHOR_STATE_EXACT:
    case GLOSS_ANCHOR_STATE_MOVED:
    case GLOSS_ANCHOR_STATE_SUGGESTED:
    case GLOSS_ANCHOR_STATE_ORPHANED:
    default:
      break;
    }
  gtk_label_set_label (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
}

static void
on_annotation_notify (GlossAnnotationPopover *self,
                      GParamSpec             *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "tags"))
    update_tags (self);
  else if (g_str_equal (name, "color"))
    update_colors (self);
  else if (g_str_equal (name, "anchor-state"))
    update_state (self);
}

static void
on_color_toggled (GtkToggleButton        *button,
                  GlossAnnotationPopover *self)
{
  if (self->annotation != NULL && gtk_toggle_button_get_active (button))
    gloss_annotation_set_color (self->annotation, g_object_get_data (G_OBJECT (button), "color"));
}

static void
on_note_changed (GlossAnnotationPopover *self,
                 GtkTextBuffer          *buffer)
{
  g_autofree char *note = NULL;
  GtkTextIter start, end;

  gtk_widget_set_visible (self->note_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
  if (self->annotation == NULL || self->loading_note)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gloss_annotation_set_note (self->annotation, note);
}

static void
on_tag_entry_activate (GlossAnnotationPopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  g_auto(GStrv) parts = NULL;

  if (self->annotation == NULL)
    return;

  /* "a, b" adds two tags: people paste lists */
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        gloss_annotation_add_tag (self->annotation, parts[i]);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

/* Backspace in the empty tag entry takes the last tag off. */
static gboolean
on_tag_entry_key (GtkEventControllerKey  *controller,
                  guint                   keyval,
                  guint                   keycode,
                  GdkModifierType         state,
                  GlossAnnotationPopover *self)
{
  const char * const *tags;
  guint n;

  if (keyval != GDK_KEY_BackSpace || self->annotation == NULL ||
      gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))[0] != '\0')
    return GDK_EVENT_PROPAGATE;

  tags = gloss_annotation_get_tags (self->annotation);
  n = g_strv_length ((char **) tags);
  if (n > 0)
    {
      g_autofree char *last = g_strdup (tags[n - 1]);

      gloss_annotation_remove_tag (self->annotation, last);
    }
  return GDK_EVENT_STOP;
}

static void
fill_completions (GlossAnnotationPopover *self)
{
  guint n = self->known_tags ? g_list_model_get_n_items (self->known_tags) : 0;

  gtk_list_store_clear (self->completions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) tag = g_list_model_get_item (self->known_tags, i);

      gtk_list_store_insert_with_values (self->completions, NULL, -1,
                                         0, gtk_string_object_get_string (tag), -1);
    }
}

static void
disconnect (GlossAnnotationPopover *self)
{
  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation, on_annotation_notify, self);
  g_clear_object (&self->annotation);
  g_clear_object (&self->set);
}

static void
on_closed (GlossAnnotationPopover *self)
{
  end_step (self);
  disconnect (self);
}

static void
show_annotation (GlossAnnotationPopover *self,
                 GlossAnnotation        *annotation)
{
  GtkTextBuffer *note = gtk_text_view_get_buffer (self->note_view);

  if (self->annotation != NULL)
    g_signal_handlers_disconnect_by_func (self->annotation, on_annotation_notify, self);
  g_set_object (&self->annotation, annotation);
  g_signal_connect_object (annotation, "notify", G_CALLBACK (on_annotation_notify), self,
                           G_CONNECT_SWAPPED);

  if (!self->in_step && self->history != NULL)
    {
      self->in_step = TRUE;
      gloss_annotation_history_begin (self->history, _("Edit Highlight"));
    }
  if (self->history != NULL)
    gloss_annotation_history_track (self->history, self->set,
                                    gloss_annotation_get_id (annotation));

  self->loading_note = TRUE;
  gtk_text_buffer_set_text (note, gloss_annotation_get_note (annotation), -1);
  self->loading_note = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  update_tags (self);
  update_colors (self);
  update_state (self);
  fill_completions (self);
  gtk_stack_set_visible_child_name (self->stack, "edit");
}

static void
on_choice_activated (GlossAnnotationPopover *self,
                     GtkListBoxRow          *row)
{
  guint index = gtk_list_box_row_get_index (row);

  if (index < self->choices->len)
    show_annotation (self, g_ptr_array_index (self->choices, index));
}

static void
resize_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossAnnotationPopover *self = GLOSS_ANNOTATION_POPOVER (widget);
  int start_delta, end_delta;

  g_variant_get (parameter, "(ii)", &start_delta, &end_delta);
  if (self->annotation != NULL)
    g_signal_emit (self, signals[RESIZE_REQUESTED], 0, self->annotation, start_delta, end_delta);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossAnnotationPopover *self = GLOSS_ANNOTATION_POPOVER (widget);
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (self->annotation == NULL)
    return;

  /* The deletion is a step of its own, so that undo brings back the annotation as edited. */
  annotation = g_object_ref (self->annotation);
  end_step (self);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, annotation);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossAnnotationPopover *self = GLOSS_ANNOTATION_POPOVER (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autofree char *quote = NULL;

  if (self->annotation == NULL)
    return;

  /* the passage as the article has it now, where the annotation is attached */
  if (GTK_IS_TEXT_VIEW (parent) && gloss_annotation_is_attached (self->annotation))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (parent));
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                          gloss_annotation_get_anchor_start (self->annotation));
      gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                          gloss_annotation_get_anchor_end (self->annotation));
      quote = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
    }
  else
    quote = g_strdup (gloss_annotation_get_exact (self->annotation));

  gloss_markdown_exporter_write_annotation (self->annotation, quote, markdown);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), markdown->str);
}

static void
gloss_annotation_popover_dispose (GObject *object)
{
  GlossAnnotationPopover *self = GLOSS_ANNOTATION_POPOVER (object);

  end_step (self);
  disconnect (self);
  g_clear_object (&self->history);
  g_clear_object (&self->known_tags);
  g_clear_object (&self->completions);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->color_buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_POPOVER);

  G_OBJECT_CLASS (gloss_annotation_popover_parent_class)->dispose (object);
}

static void
gloss_annotation_popover_class_init (GlossAnnotationPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_annotation_popover_dispose;

  /**
   * GlossAnnotationPopover::resize-requested:
   * @annotation: the annotation being edited
   * @start_delta: words to move the start by (negative: earlier)
   * @end_delta: words to move the end by
   */
  signals[RESIZE_REQUESTED] =
    g_signal_new ("resize-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, GLOSS_TYPE_ANNOTATION, G_TYPE_INT,
                  G_TYPE_INT);

  /**
   * GlossAnnotationPopover::delete-requested:
   * @annotation: the annotation to delete
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-annotation-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, choice_list);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, state_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, tag_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, note_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationPopover, note_placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate);

  gtk_widget_class_install_action (widget_class, "annotation.resize", "(ii)", resize_action);
  gtk_widget_class_install_action (widget_class, "annotation.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "annotation.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "annotation.resize", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "annotation.resize", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "annotation.resize", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "annotation.resize", "(ii)", 0, 1);
}

static void
gloss_annotation_popover_init (GlossAnnotationPopover *self)
{
  const char * const *colors = gloss_annotation_list_colors ();
  GtkEntryCompletion *completion;
  GtkEventController *keys;
  GtkWidget *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_ptr_array_new_with_free_func (g_object_unref);
  self->color_buttons = g_ptr_array_new ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *css_class = g_strconcat ("color-", colors[i], NULL);
      /* TRANSLATORS: %u is a number from 1 to 8, the key for the colour */
      g_autofree char *tooltip = g_strdup_printf (_("Colour %u"), i + 1);

      gtk_widget_add_css_class (button, "color-button");
      gtk_widget_add_css_class (button, css_class);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gloss_highlighter_color_display_name (colors[i]),
                                      -1);
      g_object_set_data (G_OBJECT (button), "color", (gpointer) colors[i]);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      else
        group = button;
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_color_toggled), self, 0);
      gtk_box_append (self->color_box, button);
      g_ptr_array_add (self->color_buttons, button);
    }

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_tag_entry_key), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_entry), keys);

  self->completions = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_set_completion (self->tag_entry, completion);
  g_object_unref (completion);
}

GtkWidget *
gloss_annotation_popover_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_POPOVER, NULL);
}

static void
set_context (GlossAnnotationPopover *self,
             GlossAnnotationSet     *set,
             GlossAnnotationHistory *history)
{
  end_step (self);
  disconnect (self);
  g_set_object (&self->set, set);
  g_set_object (&self->history, history);
}

/**
 * gloss_annotation_popover_edit:
 * @history: (nullable): where the edits go for undo
 *
 * Shows @annotation for editing. Point the popover at it and pop it up after this.
 */
void
gloss_annotation_popover_edit (GlossAnnotationPopover *self,
                               GlossAnnotationSet     *set,
                               GlossAnnotation        *annotation,
                               GlossAnnotationHistory *history)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  set_context (self, set, history);
  show_annotation (self, annotation);
}

/**
 * gloss_annotation_popover_choose:
 * @annotations: (element-type GlossAnnotation): overlapping highlights, innermost first
 *
 * Lists @annotations to pick the one to edit.
 */
void
gloss_annotation_popover_choose (GlossAnnotationPopover *self,
                                 GlossAnnotationSet     *set,
                                 GPtrArray              *annotations,
                                 GlossAnnotationHistory *history)
{
  GtkWidget *child;

  g_return_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self));
  g_return_if_fail (annotations != NULL && annotations->len > 0);

  set_context (self, set, history);
  g_ptr_array_set_size (self->choices, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choice_list))) != NULL)
    gtk_list_box_remove (self->choice_list, child);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *exact = gloss_annotation_get_exact (annotation);
      g_autofree char *css_class = g_strconcat ("color-", gloss_annotation_get_color (annotation),
                                                NULL);
      g_autofree char *clipped = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label;

      if (g_utf8_strlen (exact, -1) > QUOTE_CHOICE_CHARS)
        {
          g_autofree char *start = g_utf8_substring (exact, 0, QUOTE_CHOICE_CHARS);

          clipped = g_strconcat (start, "…", NULL);
        }
      else
        clipped = g_strdup (exact);
      g_strdelimit (clipped, "\n", ' ');

      label = gtk_label_new (clipped);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (swatch, "color-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->choice_list, box);
      g_ptr_array_add (self->choices, g_object_ref (annotation));
    }

  gtk_stack_set_visible_child_name (self->stack, "choose");
}

/**
 * gloss_annotation_popover_set_known_tags:
 * @tags: (nullable): a list of GtkStringObject, the tags to complete from
 */
void
gloss_annotation_popover_set_known_tags (GlossAnnotationPopover *self,
                                         GListModel             *tags)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self));

  g_set_object (&self->known_tags, tags);
  fill_completions (self);
}

void
gloss_annotation_popover_focus_tags (GlossAnnotationPopover *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

void
gloss_annotation_popover_focus_note (GlossAnnotationPopover *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self));

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/* Returns: (nullable): the annotation being edited */
GlossAnnotation *
gloss_annotation_popover_get_annotation (GlossAnnotationPopover *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self), NULL);

  return self->annotation;
}

GtkEditable *
gloss_annotation_popover_get_tag_entry (GlossAnnotationPopover *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self), NULL);

  return GTK_EDITABLE (self->tag_entry);
}

GtkTextBuffer *
gloss_annotation_popover_get_note (GlossAnnotationPopover *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_POPOVER (self), NULL);

  return gtk_text_view_get_buffer (self->note_view);
}
