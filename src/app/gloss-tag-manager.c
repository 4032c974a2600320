/* gloss-tag-manager.c: every tag of the open articles: rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tags are compared without case, as GlossAnnotation does: "Economy" and "economy" are one
 * tag, shown as first met. Renaming a tag onto another one merges the two. Each rename,
 * merge or deletion is one step of the window's history, so one Undo takes it all back.
 */

#define G_LOG_DOMAIN "gloss-tag-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-article-view.h"
#include "gloss-tag-manager.h"

typedef struct
{
  char  *name;
  guint  count;
} TagCount;

struct _GlossTagManager
{
  AdwWindow               parent_instance;

  GListModel             *views;
  GlossAnnotationHistory *history;
  GPtrArray              *sets;        /* the sets we listen to */
  guint                   refresh_id;

  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  GtkListBox             *list_box;
};

G_DEFINE_FINAL_TYPE (GlossTagManager, gloss_tag_manager, ADW_TYPE_WINDOW)

static void refresh (GlossTagManager *self);

static void
tag_count_free (TagCount *tag)
{
  g_free (tag->name);
  g_free (tag);
}

static char *
tag_key (const char *tag)
{
  g_autofree char *stripped = g_strstrip (g_strdup (tag));

  return g_utf8_casefold (stripped, -1);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  const TagCount *x = *(TagCount **) a, *y = *(TagCount **) b;
  g_autofree char *xk = g_utf8_casefold (x->name, -1);
  g_autofree char *yk = g_utf8_casefold (y->name, -1);
  int cmp = g_utf8_collate (xk, yk);

  return cmp != 0 ? cmp : strcmp (x->name, y->name);
}

/* Every tag of the open articles with its count, alphabetically. */
static GPtrArray *
list_tags (GlossTagManager *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tag_count_free);

  for (guint s = 0; s < self->sets->len; s++)
    {
      GListModel *set = g_ptr_array_index (self->sets, s);

      for (guint i = 0; i < g_list_model_get_n_items (set); i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (set, i);
          const char * const *names = gloss_annotation_get_tags (annotation);

          for (guint k = 0; names != NULL && names[k] != NULL; k++)
            {
              char *key = tag_key (names[k]);
              TagCount *tag = g_hash_table_lookup (by_key, key);

              if (tag == NULL)
                {
                  tag = g_new0 (TagCount, 1);
                  tag->name = g_strdup (names[k]);
                  g_ptr_array_add (tags, tag);
                  g_hash_table_insert (by_key, key, tag);
                }
              else
                g_free (key);
              tag->count++;
            }
        }
    }
  g_ptr_array_sort (tags, compare_tags);

  return tags;
}

/* The name the open articles use for @tag (compared without case), or NULL. */
static char *
find_tag (GlossTagManager *self,
          const char      *tag)
{
  g_autoptr(GPtrArray) tags = list_tags (self);
  g_autofree char *key = tag_key (tag);

  for (guint i = 0; i < tags->len; i++)
    {
      TagCount *other = g_ptr_array_index (tags, i);
      g_autofree char *other_key = tag_key (other->name);

      if (g_str_equal (key, other_key))
        return g_strdup (other->name);
    }

  return NULL;
}

/* Replaces @tag by @new_name (or removes it when NULL) in every annotation that has it,
 * as one step of the history. Returns: how many annotations changed */
static guint
retag (GlossTagManager *self,
       const char      *tag,
       const char      *new_name,
       const char      *label)
{
  g_autofree char *key = tag_key (tag);
  g_autofree char *now = gloss_annotation_now ();
  guint changed = 0;

  if (self->history != NULL)
    gloss_annotation_history_begin (self->history, label);

  for (guint s = 0; s < self->sets->len; s++)
    {
      GlossAnnotationSet *set = g_ptr_array_index (self->sets, s);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (set)); i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (set), i);
          const char * const *tags = gloss_annotation_get_tags (annotation);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) new_tags = NULL;
          gboolean found = FALSE;

          for (guint k = 0; tags != NULL && tags[k] != NULL; k++)
            {
              g_autofree char *other = tag_key (tags[k]);

              if (!g_str_equal (other, key))
                g_strv_builder_add (builder, tags[k]);
              else if ((found = TRUE) && new_name != NULL)
                g_strv_builder_add (builder, new_name);
            }
          if (!found)
            continue;

          if (self->history != NULL)
            gloss_annotation_history_track (self->history, set,
                                            gloss_annotation_get_id (annotation));
          new_tags = g_strv_builder_end (builder);
          gloss_annotation_set_tags (annotation, (const char * const *) new_tags);
          gloss_annotation_set_modified (annotation, now);
          changed++;
        }
    }

  if (self->history != NULL)
    gloss_annotation_history_end (self->history);
  refresh (self);

  return changed;
}

static void
toast (GlossTagManager *self,
       char            *message)
{
  AdwToast *toast = adw_toast_new (message);

  if (self->history != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "tags.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (message);
}

/* Confirmations */

typedef struct
{
  GlossTagManager *self;
  char            *tag;
  char            *new_name;  /* NULL to delete */
} Pending;

static void
pending_free (gpointer  data,
              GClosure *closure)
{
  Pending *pending = data;

  g_object_unref (pending->self);
  g_free (pending->tag);
  g_free (pending->new_name);
  g_free (pending);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  GlossTagManager *self = pending->self;

  if (g_str_equal (response, "merge"))
    {
      guint n = gloss_tag_manager_rename (self, pending->tag, pending->new_name);

      /* TRANSLATORS: a toast after merging two tags */
      toast (self, g_strdup_printf (ngettext ("Merged “%s” into “%s” in %u annotation",
                                              "Merged “%s” into “%s” in %u annotations", n),
                                    pending->tag, pending->new_name, n));
    }
  else if (g_str_equal (response, "delete"))
    {
      guint n = gloss_tag_manager_delete (self, pending->tag);

      toast (self, g_strdup_printf (ngettext ("Removed “%s” from %u annotation",
                                              "Removed “%s” from %u annotations", n),
                                    pending->tag, n));
    }
  else
    refresh (self);
}

static void
confirm (GlossTagManager *self,
         const char      *tag,
         const char      *new_name)
{
  Pending *pending = g_new0 (Pending, 1);
  guint n = gloss_tag_manager_count (self, tag);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  pending->self = g_object_ref (self);
  pending->tag = g_strdup (tag);
  pending->new_name = g_strdup (new_name);

  if (new_name != NULL)
    {
      heading = g_strdup (_("Merge Tags?"));
      body = g_strdup_printf (ngettext ("The %u annotation tagged “%s” will be tagged “%s” instead.",
                                        "The %u annotations tagged “%s” will be tagged “%s” instead.",
                                        n), n, tag, new_name);
    }
  else
    {
      heading = g_strdup_printf (_("Delete Tag “%s”?"), tag);
      body = g_strdup_printf (ngettext ("The tag will be removed from %u annotation. The annotation stays.",
                                        "The tag will be removed from %u annotations. The annotations stay.",
                                        n), n);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), NULL);
  if (new_name != NULL)
    {
      adw_message_dialog_add_responses (dialog, "merge", _("_Merge"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "merge");
    }
  else
    {
      adw_message_dialog_add_responses (dialog, "delete", _("_Delete"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response), pending,
                         pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows */

static void
on_row_apply (AdwEntryRow     *row,
              GlossTagManager *self)
{
  const char *tag = g_object_get_data (G_OBJECT (row), "tag");
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *key = tag_key (tag);
  g_autofree char *new_key = tag_key (new_name);
  g_autofree char *existing = NULL;
  guint n;

  if (new_name[0] == '\0' || g_str_equal (new_name, tag))
    {
      gtk_editable_set_text (GTK_EDITABLE (row), tag);
      return;
    }

  existing = find_tag (self, new_name);
  if (existing != NULL && !g_str_equal (key, new_key))
    {
      confirm (self, tag, existing);
      return;
    }

  n = gloss_tag_manager_rename (self, tag, new_name);
  /* TRANSLATORS: a toast after renaming a tag */
  toast (self, g_strdup_printf (ngettext ("Renamed “%s” to “%s” in %u annotation",
                                          "Renamed “%s” to “%s” in %u annotations", n),
                                tag, new_name, n));
}

static void
on_delete_clicked (GtkButton       *button,
                   GlossTagManager *self)
{
  confirm (self, g_object_get_data (G_OBJECT (button), "tag"), NULL);
}

static GtkWidget *
create_row (GlossTagManager *self,
            TagCount        *tag)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf (ngettext ("%u annotation", "%u annotations",
                                                      tag->count), tag->count);
  /* TRANSLATORS: the accessible name of a tag's delete button */
  g_autofree char *delete_label = g_strdup_printf (_("Delete tag “%s”"), tag->name);
  /* TRANSLATORS: the accessible name of a tag's name entry */
  g_autofree char *entry_label = g_strdup_printf (_("Name of tag “%s”, in %s"),
                                                  tag->name, title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), tag->name);
  g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (tag->name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry_label, -1);
  g_signal_connect (row, "apply", G_CALLBACK (on_row_apply), self);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete Tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_label, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (tag->name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

/* Whether the user is typing a new name that is not applied yet. */
static gboolean
is_editing (GlossTagManager *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row) &&
        g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)),
                   g_object_get_data (G_OBJECT (row), "tag")) != 0)
      return TRUE;

  return FALSE;
}

static void
refresh (GlossTagManager *self)
{
  g_autoptr(GPtrArray) tags = list_tags (self);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < tags->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (tags, i)));

  gtk_stack_set_visible_child_name (self->stack, tags->len > 0 ? "tags" : "empty");
}

static gboolean
refresh_idle (gpointer data)
{
  GlossTagManager *self = data;

  self->refresh_id = 0;
  if (!is_editing (self))
    refresh (self);

  return G_SOURCE_REMOVE;
}

/* Another window or the sidebar changed a tag: show it, unless the user is typing. */
static void
schedule_refresh (GlossTagManager *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (100, refresh_idle, self);
}

static void
sync_sets (GlossTagManager *self)
{
  guint n = g_list_model_get_n_items (self->views);

  for (guint i = 0; i < self->sets->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->sets, i), self);
  g_ptr_array_set_size (self->sets, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (self->views, i);
      GlossAnnotationSet *set = gloss_article_view_get_annotations (view);

      g_signal_handlers_disconnect_by_data (view, self);
      g_signal_connect_object (view, "notify::annotations", G_CALLBACK (sync_sets), self,
                               G_CONNECT_SWAPPED);
      if (set == NULL)
        continue;
      g_ptr_array_add (self->sets, g_object_ref (set));
      g_signal_connect_object (set, "changed", G_CALLBACK (schedule_refresh), self,
                               G_CONNECT_SWAPPED);
    }
  schedule_refresh (self);
}

static void
undo (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  GlossTagManager *self = GLOSS_TAG_MANAGER (widget);

  if (self->history != NULL && gloss_annotation_history_undo (self->history))
    refresh (self);
}

static void
gloss_tag_manager_dispose (GObject *object)
{
  GlossTagManager *self = GLOSS_TAG_MANAGER (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->sets != NULL)
    {
      for (guint i = 0; i < self->sets->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->sets, i), self);
      g_ptr_array_set_size (self->sets, 0);
    }
  if (self->views != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->views); i++)
        {
          g_autoptr(GObject) view = g_list_model_get_item (self->views, i);

          g_signal_handlers_disconnect_by_data (view, self);
        }
      g_signal_handlers_disconnect_by_data (self->views, self);
    }
  g_clear_object (&self->views);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_TAG_MANAGER);

  G_OBJECT_CLASS (gloss_tag_manager_parent_class)->dispose (object);
}

static void
gloss_tag_manager_finalize (GObject *object)
{
  GlossTagManager *self = GLOSS_TAG_MANAGER (object);

  g_clear_pointer (&self->sets, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_tag_manager_parent_class)->finalize (object);
}

/* The window gives the keyboard to the first tag's entry, which selects its text: as
 * if the tag were being renamed. Keep the focus there, without the selection. */
static void
gloss_tag_manager_show (GtkWidget *widget)
{
  GtkWidget *focus;

  GTK_WIDGET_CLASS (gloss_tag_manager_parent_class)->show (widget);

  focus = gtk_root_get_focus (GTK_ROOT (widget));
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    gtk_editable_select_region (GTK_EDITABLE (focus), -1, -1);
}

static void
gloss_tag_manager_class_init (GlossTagManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_tag_manager_dispose;
  object_class->finalize = gloss_tag_manager_finalize;
  widget_class->show = gloss_tag_manager_show;

  gtk_widget_class_install_action (widget_class, "tags.undo", NULL, undo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "tags.undo", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-tag-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossTagManager, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossTagManager, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossTagManager, list_box);
}

static void
gloss_tag_manager_init (GlossTagManager *self)
{
  self->sets = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gloss_tag_manager_new:
 * @parent: (nullable): the main window
 * @views: the open GlossArticleView columns
 * @history: (nullable): where the edits are recorded, for undo
 *
 * Returns: (transfer floating): a modal window; present it
 */
GtkWidget *
gloss_tag_manager_new (GtkWindow              *parent,
                       GListModel             *views,
                       GlossAnnotationHistory *history)
{
  GlossTagManager *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (views), NULL);
  g_return_val_if_fail (history == NULL || GLOSS_IS_ANNOTATION_HISTORY (history), NULL);

  self = g_object_new (GLOSS_TYPE_TAG_MANAGER, "transient-for", parent, NULL);
  self->views = g_object_ref (views);
  self->history = history ? g_object_ref (history) : NULL;
  g_signal_connect_object (views, "items-changed", G_CALLBACK (sync_sets), self,
                           G_CONNECT_SWAPPED);
  sync_sets (self);
  refresh (self);

  return GTK_WIDGET (self);
}

/**
 * gloss_tag_manager_rename:
 * @tag: a tag (compared without case)
 * @new_name: its new name; when another tag has it, the two are merged
 *
 * Returns: how many annotations changed
 */
guint
gloss_tag_manager_rename (GlossTagManager *self,
                          const char      *tag,
                          const char      *new_name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *key = NULL;
  g_autofree char *new_key = NULL;

  g_return_val_if_fail (GLOSS_IS_TAG_MANAGER (self), 0);
  g_return_val_if_fail (tag != NULL && new_name != NULL, 0);

  stripped = g_strstrip (g_strdup (new_name));
  g_return_val_if_fail (stripped[0] != '\0', 0);

  key = tag_key (tag);
  new_key = tag_key (stripped);
  existing = find_tag (self, stripped);
  if (existing != NULL && !g_str_equal (key, new_key))
    return retag (self, tag, existing, _("Merge Tags"));

  return retag (self, tag, stripped, _("Rename Tag"));
}

/* Removes @tag from every annotation of the open articles. Returns: how many changed */
guint
gloss_tag_manager_delete (GlossTagManager *self,
                          const char      *tag)
{
  g_return_val_if_fail (GLOSS_IS_TAG_MANAGER (self), 0);
  g_return_val_if_fail (tag != NULL, 0);

  return retag (self, tag, NULL, _("Delete Tag"));
}

/* How many annotations of the open articles have @tag. */
guint
gloss_tag_manager_count (GlossTagManager *self,
                         const char      *tag)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (GLOSS_IS_TAG_MANAGER (self), 0);
  g_return_val_if_fail (tag != NULL, 0);

  tags = list_tags (self);
  key = tag_key (tag);
  for (guint i = 0; i < tags->len; i++)
    {
      TagCount *other = g_ptr_array_index (tags, i);
      g_autofree char *other_key = tag_key (other->name);

      if (g_str_equal (key, other_key))
        return other->count;
    }

  return 0;
}
