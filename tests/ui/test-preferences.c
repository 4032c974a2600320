/* test-preferences.c: the Preferences window, its settings and their live effects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application is registered (not run), so that its startup applies the settings
 * as it does for users: the colour scheme through AdwStyleManager and the reading font and
 * line spacing through a style provider on the display.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-settings.h"
#include "ui-utils.h"

static GlossApplication *app;

static GlossPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GlossPreferencesWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = GLOSS_PREFERENCES_WINDOW (window);
        }
    }

  return found;
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWidget *window = GTK_WIDGET (find_preferences ());

  return window != NULL && gtk_widget_get_mapped (window);
}

static GlossPreferencesWindow *
open_preferences (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  run_until (preferences_shown, NULL);
  return find_preferences ();
}

static gpointer
child (GlossPreferencesWindow *window,
       const char             *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   GLOSS_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

/* Saves what @window shows, for people to look at: tests/ui/screenshots/NAME.png */
static void
save_window_screenshot (GtkWindow  *window,
                        const char *name)
{
  GtkWidget *widget = gtk_window_get_child (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  GdkRGBA background;

  /* the window paints its background itself, under its child */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (window)),
                                       "window_bg_color", &background))
    gdk_rgba_parse (&background, "white");
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || renderer == NULL)
    {
      g_test_message ("no screenshot: nothing rendered");
      return;
    }

  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What the application's provider on the display says about the reading text. */
static char *
reading_css (void)
{
  return gtk_css_provider_to_string (gloss_application_get_reading_css (app));
}

/* The height of a line of text in a fresh `textview.reading`: what the display's style
 * makes of it, without the article view. */
static int
line_height_of_reading_text (const char **family)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  PangoContext *context;
  GtkTextIter start;
  int y, height;
  static char family_buf[128];

  gtk_widget_add_css_class (view, "reading");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Line", -1);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_for (100);

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start);
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &start, &y, &height);
  context = gtk_widget_get_pango_context (view);
  g_strlcpy (family_buf,
             pango_font_description_get_family (pango_context_get_font_description (context)),
             sizeof family_buf);
  if (family != NULL)
    *family = family_buf;

  gtk_window_destroy (GTK_WINDOW (window));
  return height;
}

static void
test_open (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "app.preferences");

  g_assert_nonnull (window);
  g_assert_true (gloss_preferences_window_get_settings (window) ==
                 gloss_application_get_settings (app));
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));

  /* asking again shows the same window */
  g_assert_true (open_preferences () == window);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  g_assert_null (find_preferences ());
}

static void
test_color_scheme (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  AdwComboRow *row = child (window, "color_scheme_row");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GSettings) settings = gloss_application_new_settings ();
  g_autofree char *scheme = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  adw_combo_row_set_selected (row, 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  run_for (200);
  save_window_screenshot (GTK_WINDOW (window), "preferences-dark");

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));
  run_for (200);
  save_window_screenshot (GTK_WINDOW (window), "preferences-light");

  /* a change made elsewhere shows in the window */
  g_settings_set_string (settings, "color-scheme", "follow");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_font (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  GtkFontChooser *button = child (window, "font_button");
  GtkWidget *reset = child (window, "font_reset_button");
  GlossSettings *settings = gloss_application_get_settings (app);
  g_autoptr(GSettings) gsettings = gloss_application_new_settings ();
  g_autofree char *font = NULL;
  g_autofree char *css = NULL;
  const char *family;

  /* the system font to start with, and nothing to reset */
  g_assert_cmpstr (gloss_settings_get_font (settings), ==, "");
  g_assert_false (gtk_widget_get_visible (reset));
  g_assert_cmpfloat_with_epsilon (gloss_settings_get_font_points (settings),
                                  GLOSS_SETTINGS_DEFAULT_FONT_POINTS, 0.01);

  /* what the user does in the font dialog */
  gtk_font_chooser_set_font (button, "DejaVu Serif Bold 15");
  g_signal_emit_by_name (button, "font-set");
  font = g_settings_get_string (gsettings, "font");
  g_assert_cmpstr (font, ==, "DejaVu Serif Bold 15");
  g_assert_true (gtk_widget_get_visible (reset));
  g_assert_cmpfloat_with_epsilon (gloss_settings_get_font_points (settings), 15.0, 0.01);

  css = reading_css ();
  g_assert_nonnull (strstr (css, "font-family: \"DejaVu Serif\""));
  g_assert_nonnull (strstr (css, "font-weight: 700"));
  line_height_of_reading_text (&family);
  g_assert_cmpstr (family, ==, "DejaVu Serif");

  /* back to the system's font */
  g_signal_emit_by_name (reset, "clicked");
  g_clear_pointer (&font, g_free);
  font = g_settings_get_string (gsettings, "font");
  g_assert_cmpstr (font, ==, "");
  g_assert_false (gtk_widget_get_visible (reset));
  line_height_of_reading_text (&family);
  g_assert_cmpstr (family, !=, "DejaVu Serif");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_line_spacing (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  GtkSpinButton *spin = child (window, "line_spacing_spin");
  g_autoptr(GSettings) settings = gloss_application_new_settings ();
  g_autofree char *css = NULL;
  int single, twice;

  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.5, 0.001);

  gtk_spin_button_set_value (spin, 1.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "line-spacing"), 1.0, 0.001);
  single = line_height_of_reading_text (NULL);

  gtk_spin_button_set_value (spin, 2.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "line-spacing"), 2.0, 0.001);
  css = reading_css ();
  g_assert_nonnull (strstr (css, "line-height: 2"));
  twice = line_height_of_reading_text (NULL);
  g_assert_cmpint (ABS (twice - 2 * single), <=, 2);

  g_settings_reset (settings, "line-spacing");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 1.5, 0.001);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_column_width (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  GtkSwitch *fill = child (window, "fill_switch");
  GtkSpinButton *spin = child (window, "column_width_spin");
  GtkWidget *row = child (window, "column_width_row");
  GlossSettings *settings = gloss_application_get_settings (app);

  g_assert_cmpint (gloss_settings_get_column_width (settings), ==, 720);
  g_assert_false (gtk_switch_get_active (fill));
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 720);

  gtk_spin_button_set_value (spin, 900);
  g_assert_cmpint (gloss_settings_get_column_width (settings), ==, 900);

  /* filling keeps the width for later, greyed out */
  gtk_switch_set_active (fill, TRUE);
  g_assert_cmpint (gloss_settings_get_column_width (settings), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 900);

  gtk_switch_set_active (fill, FALSE);
  g_assert_cmpint (gloss_settings_get_column_width (settings), ==, 900);

  gloss_settings_set_column_width (settings, 0);
  g_assert_true (gtk_switch_get_active (fill));
  g_settings_reset (gloss_settings_get_gsettings (settings), "column-width");
  g_assert_false (gtk_switch_get_active (fill));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 720);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkToggleButton *
color_button (GlossPreferencesWindow *window,
              const char             *color)
{
  GtkWidget *box = child (window, "color_box");

  for (GtkWidget *button = gtk_widget_get_first_child (box); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "color"), color) == 0)
      return GTK_TOGGLE_BUTTON (button);

  g_assert_not_reached ();
}

static void
test_highlight_color (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  AdwActionRow *row = child (window, "highlight_row");
  g_autoptr(GSettings) settings = gloss_application_new_settings ();
  g_autofree char *color = NULL;
  guint n = 0;

  for (GtkWidget *button = gtk_widget_get_first_child (child (window, "color_box"));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      g_assert_true (gtk_widget_has_css_class (button, "color-button"));
      n++;
    }
  g_assert_cmpuint (n, ==, 8);
  g_assert_true (gtk_toggle_button_get_active (color_button (window, "yellow")));

  gtk_toggle_button_set_active (color_button (window, "blue"), TRUE);
  color = g_settings_get_string (settings, "highlight-color");
  g_assert_cmpstr (color, ==, "blue");
  g_assert_false (gtk_toggle_button_get_active (color_button (window, "yellow")));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Blue");

  /* H remembers the last colour used: the window follows */
  g_settings_set_string (settings, "highlight-color", "green");
  g_assert_true (gtk_toggle_button_get_active (color_button (window, "green")));
  g_assert_false (gtk_toggle_button_get_active (color_button (window, "blue")));

  g_settings_reset (settings, "highlight-color");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_compare_min_words (void)
{
  GlossPreferencesWindow *window = open_preferences ();
  GtkSpinButton *spin = child (window, "min_words_spin");
  g_autoptr(GSettings) settings = gloss_application_new_settings ();

  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 8);
  gtk_spin_button_set_value (spin, 12);
  g_assert_cmpint (g_settings_get_int (settings, "compare-min-words"), ==, 12);
  g_assert_cmpint (gloss_settings_get_compare_min_words (gloss_application_get_settings (app)),
                   ==, 12);

  /* the spin button keeps to the schema's range */
  gtk_spin_button_set_value (spin, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "compare-min-words"), ==, 100);

  g_settings_reset (settings, "compare-min-words");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 8);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A typed object over any GSettings: what it reads and writes is the key's value. */
static void
test_settings_object (void)
{
  g_autoptr(GSettings) gsettings = gloss_application_new_settings ();
  g_autoptr(GlossSettings) settings = gloss_settings_new (gsettings);
  guint notified = 0;

  g_signal_connect_swapped (settings, "notify::zoom", G_CALLBACK (count_notify), &notified);

  g_settings_set_double (gsettings, "zoom", 1.5);
  g_assert_cmpfloat_with_epsilon (gloss_settings_get_zoom (settings), 1.5, 0.001);
  g_assert_cmpuint (notified, ==, 1);
  g_settings_set_double (gsettings, "zoom", 1.5);
  g_assert_cmpuint (notified, ==, 1);

  gloss_settings_set_zoom (settings, 2.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (gsettings, "zoom"), 2.0, 0.001);
  g_assert_cmpuint (notified, ==, 2);

  gloss_settings_set_font (settings, "Serif 16px");
  g_assert_cmpfloat_with_epsilon (gloss_settings_get_font_points (settings), 12.0, 0.01);
  gloss_settings_set_font (settings, "Serif");
  g_assert_cmpfloat_with_epsilon (gloss_settings_get_font_points (settings),
                                  GLOSS_SETTINGS_DEFAULT_FONT_POINTS, 0.01);

  g_settings_reset (gsettings, "zoom");
  g_settings_reset (gsettings, "font");
  g_assert_finalize_object (g_steal_pointer (&settings));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  /* as ui_test_init (), but the application names itself */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  g_test_init (&argc, &argv, NULL);
  g_set_prgname ("gloss");
  gtk_init ();

  /* registered without a bus name, so that tests can run side by side */
  app = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/gloss/preferences/open", test_open);
  g_test_add_func ("/gloss/preferences/color-scheme", test_color_scheme);
  g_test_add_func ("/gloss/preferences/font", test_font);
  g_test_add_func ("/gloss/preferences/line-spacing", test_line_spacing);
  g_test_add_func ("/gloss/preferences/column-width", test_column_width);
  g_test_add_func ("/gloss/preferences/highlight-color", test_highlight_color);
  g_test_add_func ("/gloss/preferences/compare-min-words", test_compare_min_words);
  g_test_add_func ("/gloss/preferences/settings-object", test_settings_object);

  return g_test_run ();
}
