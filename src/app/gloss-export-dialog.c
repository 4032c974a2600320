/* gloss-export-dialog.c: the Export Notes dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options on the left (a flap that folds over the preview on a narrow window), the export
 * itself on the right as it will be written. All the work is GlossExport's, in the core; the
 * dialog only chooses its options and writes the result where the user says.
 */

#define G_LOG_DOMAIN "gloss-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-export-dialog.h"
#include "gloss-export.h"

/* A GtkTextView slows down beyond this; the file saved or copied is always whole. */
#define PREVIEW_MAX_BYTES (256 * 1024)

struct _GlossExportDialog
{
  AdwWindow             parent_instance;

  GPtrArray            *articles;       /* of GlossArticle */
  GPtrArray            *sets;           /* of GlossAnnotationSet, parallel */
  GPtrArray            *article_checks; /* of GtkCheckButton, parallel */
  GPtrArray            *tag_checks;     /* of GtkCheckButton, its tag as "tag" data */
  GPtrArray            *color_checks;   /* of GtkCheckButton, its colour as "color" data */
  GBytes               *output;
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwComboRow          *format_row;
  AdwComboRow          *grouping_row;
  AdwPreferencesGroup  *articles_group;
  AdwExpanderRow       *tags_row;
  AdwExpanderRow       *colors_row;
  GtkTextView          *preview;
};

G_DEFINE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, ADW_TYPE_WINDOW)

static const char *
color_label (const char *color)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "yellow", N_("Yellow") }, { "green", N_("Green") }, { "blue", N_("Blue") },
    { "pink", N_("Pink") }, { "purple", N_("Purple") }, { "orange", N_("Orange") },
    { "red", N_("Red") }, { "gray", N_("Gray") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (color, labels[i].name))
      return _(labels[i].label);

  return color;
}

static void
show_toast (GlossExportDialog *self,
            const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The checked rows' data, or NULL when none is checked (no filter). */
static char **
dup_checked (GPtrArray  *checks,
             const char *key)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_ptr_array_add (values, g_strdup (g_object_get_data (g_ptr_array_index (checks, i), key)));

  if (values->len == 0)
    {
      g_ptr_array_unref (values);
      return NULL;
    }
  g_ptr_array_add (values, NULL);

  return (char **) g_ptr_array_free (values, FALSE);
}

static void
update_filter_subtitle (AdwExpanderRow *row,
                        GPtrArray      *checks,
                        const char     *none)
{
  g_auto(GStrv) checked = dup_checked (checks, "label");
  g_autofree char *joined = checked != NULL ? g_strjoinv (", ", checked) : NULL;

  adw_expander_row_set_subtitle (row, joined != NULL ? joined : none);
}

/**
 * gloss_export_dialog_update:
 *
 * Runs the export again with the options chosen, and shows it. Called when one changes.
 */
void
gloss_export_dialog_update (GlossExportDialog *self)
{
  g_autoptr(GlossExport) export = gloss_export_new ();
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) colors = NULL;
  g_autofree char *subtitle = NULL;
  GtkTextBuffer *buffer;
  const char *data;
  gsize len;
  guint n_items = 0, n_articles = 0;

  g_return_if_fail (GLOSS_IS_EXPORT_DIALOG (self));

  /* Template signals fire while the template is being built. */
  if (self->articles == NULL)
    return;

  for (guint i = 0; i < self->articles->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->article_checks, i)))
      {
        gloss_export_add_source (export, g_ptr_array_index (self->articles, i),
                                 g_ptr_array_index (self->sets, i));
        n_articles++;
      }

  tags = dup_checked (self->tag_checks, "tag");
  colors = dup_checked (self->color_checks, "color");
  gloss_export_set_format (export, adw_combo_row_get_selected (self->format_row));
  gloss_export_set_grouping (export, adw_combo_row_get_selected (self->grouping_row));
  gloss_export_set_tags (export, (const char * const *) tags);
  gloss_export_set_colors (export, (const char * const *) colors);

  g_clear_pointer (&self->output, g_bytes_unref);
  self->output = gloss_export_run (export, &n_items);

  update_filter_subtitle (self->tags_row, self->tag_checks, _("Any tag"));
  update_filter_subtitle (self->colors_row, self->color_checks, _("Any colour"));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                           n_items), n_items);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Nothing to export without an article: saving an empty file would only confuse. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", n_articles > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.copy", n_articles > 0);

  data = g_bytes_get_data (self->output, &len);
  buffer = gtk_text_view_get_buffer (self->preview);
  if (len > PREVIEW_MAX_BYTES)
    {
      const char *end = data + PREVIEW_MAX_BYTES;
      g_autofree char *shortened = NULL;

      while (end > data && (*end & 0xc0) == 0x80)
        end--;
      shortened = g_strdup_printf ("%.*s\n\n%s", (int) (end - data), data,
                                   _("… (the preview stops here; the export is complete)"));
      gtk_text_buffer_set_text (buffer, shortened, -1);
    }
  else
    gtk_text_buffer_set_text (buffer, data, len);
}

/**
 * gloss_export_dialog_dup_text:
 *
 * Returns: (transfer full): the whole export as it would be saved
 */
char *
gloss_export_dialog_dup_text (GlossExportDialog *self)
{
  g_return_val_if_fail (GLOSS_IS_EXPORT_DIALOG (self), NULL);

  if (self->output == NULL)
    return g_strdup ("");

  return g_strndup (g_bytes_get_data (self->output, NULL), g_bytes_get_size (self->output));
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (widget);
  g_autofree char *text = gloss_export_dialog_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Copied to the clipboard"));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GlossExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));
      g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"), name,
                                                  error->message);

      show_toast (self, message);
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_chooser_response (GlossExportDialog *self,
                     int                response,
                     GtkNativeDialog   *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->output == NULL)
    return;

  /* Replaced atomically: a temporary file renamed over the old one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_file_replace_contents_bytes_async (file, self->output, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL, on_saved,
                                       g_object_ref (self));
}

/* "Harbour bridge closed – Notes.md", or "Notes.md" for several articles. */
static char *
dup_proposed_name (GlossExportDialog *self)
{
  GlossExportFormat format = adw_combo_row_get_selected (self->format_row);
  const char *extension = gloss_export_format_get_extension (format);
  GlossArticle *only = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; i < self->articles->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->article_checks, i)))
      {
        if (only != NULL)
          return g_strdup_printf ("%s.%s", _("Notes"), extension);
        only = g_ptr_array_index (self->articles, i);
      }
  if (only == NULL)
    return g_strdup_printf ("%s.%s", _("Notes"), extension);

  title = gloss_article_dup_display_title (only);
  g_strdelimit (title, "/\\:*?\"<>|\n\t", '-');
  if (g_utf8_strlen (title, -1) > 80)
    *g_utf8_offset_to_pointer (title, 80) = '\0';

  /* Translators: the proposed file name of an article's notes, without the extension */
  return g_strdup_printf ("%s – %s.%s", g_strstrip (title), _("Notes"), extension);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (widget);
  GlossExportFormat format = adw_combo_row_get_selected (self->format_row);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = dup_proposed_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", gloss_export_format_get_extension (format));

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Notes"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_add_mime_type (filter, gloss_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row) != NULL
                            ? gtk_string_object_get_string (
                                adw_combo_row_get_selected_item (self->format_row))
                            : pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A row with a check box in front; the row's title names the check box for screen readers. */
static GtkCheckButton *
add_check_row (GlossExportDialog *self,
               GtkWidget         *parent,
               const char        *title,
               const char        *subtitle,
               gboolean           active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "label", g_strdup (title), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (gloss_export_dialog_update), self,
                           G_CONNECT_SWAPPED);

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);

  return GTK_CHECK_BUTTON (check);
}

static void
add_article_rows (GlossExportDialog *self)
{
  for (guint i = 0; i < self->articles->len; i++)
    {
      GlossArticle *article = g_ptr_array_index (self->articles, i);
      g_autofree char *title = gloss_article_dup_display_title (article);
      g_autofree char *file = gloss_export_dup_file_name (article);
      const char *outlet = gloss_article_get_outlet (article);
      g_autofree char *subtitle = outlet != NULL && file != NULL
                                  ? g_strdup_printf ("%s · %s", outlet, file)
                                  : g_strdup (outlet != NULL ? outlet : file);

      g_ptr_array_add (self->article_checks,
                       add_check_row (self, GTK_WIDGET (self->articles_group), title, subtitle,
                                      TRUE));
    }
}

/* Every tag of the open articles once (ignoring case), in alphabetical order. */
static void
add_tag_rows (GlossExportDialog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  for (guint i = 0; i < self->sets->len; i++)
    {
      GListModel *model = g_ptr_array_index (self->sets, i);

      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, j);
          const char * const *annotation_tags = gloss_annotation_get_tags (annotation);

          for (guint k = 0; annotation_tags != NULL && annotation_tags[k] != NULL; k++)
            {
              char *key = g_utf8_collate_key (annotation_tags[k], -1);

              if (g_hash_table_add (seen, key))
                g_ptr_array_add (tags, (gpointer) annotation_tags[k]);
            }
        }
    }

  for (guint i = 0; i < tags->len; i++)
    {
      GtkCheckButton *check = add_check_row (self, GTK_WIDGET (self->tags_row),
                                             g_ptr_array_index (tags, i), NULL, FALSE);

      g_object_set_data_full (G_OBJECT (check), "tag", g_strdup (g_ptr_array_index (tags, i)),
                              g_free);
      g_ptr_array_add (self->tag_checks, check);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->tags_row), tags->len > 0);
}

static void
add_color_rows (GlossExportDialog *self)
{
  const char * const *colors = gloss_annotation_list_colors ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      GtkCheckButton *check = add_check_row (self, GTK_WIDGET (self->colors_row),
                                             color_label (colors[i]), NULL, FALSE);

      g_object_set_data (G_OBJECT (check), "color", (gpointer) colors[i]);
      g_ptr_array_add (self->color_checks, check);
    }
}

static void
gloss_export_dialog_dispose (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->dispose (object);
}

static void
gloss_export_dialog_finalize (GObject *object)
{
  GlossExportDialog *self = GLOSS_EXPORT_DIALOG (object);

  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->article_checks, g_ptr_array_unref);
  g_clear_pointer (&self->tag_checks, g_ptr_array_unref);
  g_clear_pointer (&self->color_checks, g_ptr_array_unref);
  g_clear_pointer (&self->output, g_bytes_unref);

  G_OBJECT_CLASS (gloss_export_dialog_parent_class)->finalize (object);
}

static void
gloss_export_dialog_class_init (GlossExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_export_dialog_dispose;
  object_class->finalize = gloss_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, grouping_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, articles_group);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, colors_row);
  gtk_widget_class_bind_template_child (widget_class, GlossExportDialog, preview);
  gtk_widget_class_bind_template_callback (widget_class, gloss_export_dialog_update);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "export.copy", NULL, copy_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "export.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gloss_export_dialog_init (GlossExportDialog *self)
{
  self->article_checks = g_ptr_array_new ();
  self->tag_checks = g_ptr_array_new ();
  self->color_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gloss_export_dialog_new:
 * @parent: (nullable): the window it is for
 * @articles: (element-type GlossArticle): the open articles, in column order
 * @sets: (element-type GlossAnnotationSet): their annotations, anchored to the articles'
 *   text, one per article
 *
 * Returns: (transfer full): a modal dialog, not shown yet
 */
GlossExportDialog *
gloss_export_dialog_new (GtkWindow *parent,
                         GPtrArray *articles,
                         GPtrArray *sets)
{
  GlossExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (articles != NULL && sets != NULL, NULL);
  g_return_val_if_fail (articles->len == sets->len, NULL);

  self = g_object_new (GLOSS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->sets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < articles->len; i++)
    {
      g_return_val_if_fail (GLOSS_IS_ARTICLE (g_ptr_array_index (articles, i)), self);
      g_ptr_array_add (self->articles, g_object_ref (g_ptr_array_index (articles, i)));
      g_ptr_array_add (self->sets, g_object_ref (g_ptr_array_index (sets, i)));
    }

  add_article_rows (self);
  add_tag_rows (self);
  add_color_rows (self);
  gloss_export_dialog_update (self);

  return self;
}
