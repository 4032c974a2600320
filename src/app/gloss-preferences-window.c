/* gloss-preferences-window.c: the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to a GlossSettings property and writes through at once: the
 * application and the views watch the same properties, so a change shows while the window
 * is still open. There is no Apply button.
 */

#define G_LOG_DOMAIN "gloss-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-annotation.h"
#include "gloss-highlighter.h"
#include "gloss-preferences-window.h"

struct _GlossPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GlossSettings       *settings;
  GPtrArray           *color_buttons;  /* GtkToggleButton, in palette order */

  AdwComboRow         *color_scheme_row;
  AdwActionRow        *font_row;
  GtkButton           *font_reset_button;
  GtkFontButton       *font_button;
  GtkSpinButton       *line_spacing_spin;
  GtkSwitch           *fill_switch;
  AdwActionRow        *column_width_row;
  GtkSpinButton       *column_width_spin;
  AdwActionRow        *highlight_row;
  GtkBox              *color_box;
  GtkSpinButton       *min_words_spin;
};

G_DEFINE_FINAL_TYPE (GlossPreferencesWindow, gloss_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* in the order of the Style row's items */
static const char * const color_schemes[] = { "follow", "light", "dark" };

static gboolean
color_scheme_to_selected (GBinding     *binding,
                          const GValue *from,
                          GValue       *to,
                          gpointer      user_data)
{
  const char *scheme = g_value_get_string (from);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }

  g_value_set_uint (to, 0);
  return TRUE;
}

static gboolean
selected_to_color_scheme (GBinding     *binding,
                          const GValue *from,
                          GValue       *to,
                          gpointer      user_data)
{
  guint selected = g_value_get_uint (from);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return FALSE;

  g_value_set_string (to, color_schemes[selected]);
  return TRUE;
}

/* 0 ("fill") leaves the spin button at the last width, for when the switch goes off. */
static gboolean
column_width_to_spin (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  int width = g_value_get_int (from);

  if (width <= 0)
    return FALSE;

  g_value_set_double (to, width);
  return TRUE;
}

static gboolean
spin_to_column_width (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  GlossPreferencesWindow *self = user_data;

  if (gtk_switch_get_active (self->fill_switch))
    return FALSE;

  g_value_set_int (to, (int) (g_value_get_double (from) + 0.5));
  return TRUE;
}

static gboolean
column_width_to_fill (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_int (from) <= 0);
  return TRUE;
}

static gboolean
fill_to_column_width (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  GlossPreferencesWindow *self = user_data;

  if (g_value_get_boolean (from))
    g_value_set_int (to, 0);
  else
    g_value_set_int (to, gtk_spin_button_get_value_as_int (self->column_width_spin));
  return TRUE;
}

static void
update_font (GlossPreferencesWindow *self)
{
  const char *font = gloss_settings_get_font (self->settings);
  gboolean custom = font != NULL && font[0] != '\0';
  g_autofree char *shown = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (self->font_button));
  const char *reading_font = gloss_settings_get_reading_font (self->settings);

  if (g_strcmp0 (shown, reading_font) != 0)
    gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), reading_font);

  adw_action_row_set_subtitle (self->font_row,
                               custom ? _("Its size is the size at normal zoom")
                                      : _("The system’s document font"));
  gtk_widget_set_visible (GTK_WIDGET (self->font_reset_button), custom);
}

static void
on_font_set (GlossPreferencesWindow *self)
{
  g_autofree char *font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (self->font_button));

  if (font != NULL)
    gloss_settings_set_font (self->settings, font);
}

static void
on_font_reset (GlossPreferencesWindow *self)
{
  gloss_settings_set_font (self->settings, "");
}

static void
update_highlight_color (GlossPreferencesWindow *self)
{
  const char *color = gloss_settings_get_highlight_color (self->settings);
  const char * const *colors = gloss_annotation_list_colors ();

  for (guint i = 0; i < self->color_buttons->len; i++)
    if (g_strcmp0 (colors[i], color) == 0)
      gtk_toggle_button_set_active (g_ptr_array_index (self->color_buttons, i), TRUE);

  adw_action_row_set_subtitle (self->highlight_row, gloss_highlighter_color_display_name (color));
}

static void
on_color_toggled (GtkToggleButton        *button,
                  GlossPreferencesWindow *self)
{
  if (gtk_toggle_button_get_active (button))
    gloss_settings_set_highlight_color (self->settings,
                                        g_object_get_data (G_OBJECT (button), "color"));
}

static void
add_color_buttons (GlossPreferencesWindow *self)
{
  const char * const *colors = gloss_annotation_list_colors ();
  GtkToggleButton *group = NULL;

  for (guint i = 0; colors[i] != NULL; i++)
    {
      g_autofree char *css_class = g_strconcat ("color-", colors[i], NULL);
      const char *name = gloss_highlighter_color_display_name (colors[i]);
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_widget_add_css_class (button, "color-button");
      gtk_widget_add_css_class (button, css_class);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (button), "color", g_strdup (colors[i]), g_free);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);

      g_signal_connect_object (button, "toggled", G_CALLBACK (on_color_toggled), self, 0);
      gtk_box_append (self->color_box, button);
      g_ptr_array_add (self->color_buttons, button);
    }
}

static void
bind_settings (GlossPreferencesWindow *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_object_bind_property_full (self->settings, "color-scheme",
                               self->color_scheme_row, "selected", flags,
                               color_scheme_to_selected, selected_to_color_scheme,
                               NULL, NULL);

  g_signal_connect_object (self->settings, "notify::font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::reading-font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  update_font (self);

  g_object_bind_property (self->settings, "line-spacing",
                          gtk_spin_button_get_adjustment (self->line_spacing_spin), "value",
                          flags);

  g_object_bind_property_full (self->settings, "column-width",
                               gtk_spin_button_get_adjustment (self->column_width_spin), "value",
                               flags, column_width_to_spin, spin_to_column_width, self, NULL);
  g_object_bind_property_full (self->settings, "column-width",
                               self->fill_switch, "active",
                               flags, column_width_to_fill, fill_to_column_width, self, NULL);

  g_signal_connect_object (self->settings, "notify::highlight-color",
                           G_CALLBACK (update_highlight_color), self, G_CONNECT_SWAPPED);
  update_highlight_color (self);

  g_object_bind_property (self->settings, "compare-min-words",
                          gtk_spin_button_get_adjustment (self->min_words_spin), "value",
                          flags);
}

static void
gloss_preferences_window_constructed (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_object_ref (gloss_settings_get_default ());
  bind_settings (self);
}

static void
gloss_preferences_window_dispose (GObject *object)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->color_buttons, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_preferences_window_parent_class)->dispose (object);
}

static void
gloss_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlossPreferencesWindow *self = GLOSS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_preferences_window_class_init (GlossPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gloss_preferences_window_constructed;
  object_class->dispose = gloss_preferences_window_dispose;
  object_class->get_property = gloss_preferences_window_get_property;
  object_class->set_property = gloss_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, GLOSS_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_reset_button);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, line_spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, fill_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, column_width_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, column_width_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, highlight_row);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossPreferencesWindow, min_words_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_font_set);
  gtk_widget_class_bind_template_callback (widget_class, on_font_reset);
}

static void
gloss_preferences_window_init (GlossPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->color_buttons = g_ptr_array_new ();
  add_color_buttons (self);
}

/**
 * gloss_preferences_window_new:
 * @settings: (nullable): the settings to show and change, or %NULL for the process's
 *
 * Returns: (transfer full): a new Preferences window
 */
GlossPreferencesWindow *
gloss_preferences_window_new (GlossSettings *settings)
{
  g_return_val_if_fail (settings == NULL || GLOSS_IS_SETTINGS (settings), NULL);

  return g_object_new (GLOSS_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}

GlossSettings *
gloss_preferences_window_get_settings (GlossPreferencesWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
