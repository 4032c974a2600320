/* gloss-application.c: the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gloss-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-settings.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication          parent_instance;

  GlossSettings          *settings;
  GtkCssProvider         *reading_css;
  GlossPreferencesWindow *preferences;  /* weak: while it is open */
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

/**
 * gloss_application_new_settings:
 *
 * The app's settings. An installed Gloss finds its schema in the usual places; a Gloss run
 * from its build folder (`./_build/src/gloss`) uses the schema compiled there.
 *
 * Returns: (transfer full): a new #GSettings
 */
GSettings *
gloss_application_new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_autoptr(GError) error = NULL;

      build_source = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, source,
                                                                  FALSE, &error);
      if (build_source == NULL)
        g_error ("The settings schema %s is not installed: %s", APP_ID, error->message);
      schema = g_settings_schema_source_lookup (build_source, APP_ID, TRUE);
      if (schema == NULL)
        g_error ("The settings schema %s is not installed", APP_ID);
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
update_color_scheme (GlossApplication *self)
{
  const char *scheme = gloss_settings_get_color_scheme (self->settings);
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

/* The reading font and line spacing reach every column through one provider on the
 * display; the size stays with each view, which multiplies it by its zoom. */
static void
update_reading_css (GlossApplication *self)
{
  g_autofree char *css = gloss_settings_dup_reading_css (self->settings);

  gtk_css_provider_load_from_data (self->reading_css, css, -1);
}

static GlossWindow *
get_or_create_window (GlossApplication *self,
                      gboolean          restore)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (gloss_window_new (GTK_APPLICATION (self)));
      if (restore)
        gloss_window_restore_session (GLOSS_WINDOW (window));
    }

  return GLOSS_WINDOW (window);
}

static void
gloss_application_activate (GApplication *app)
{
  GlossWindow *window = get_or_create_window (GLOSS_APPLICATION (app), TRUE);

  gtk_window_present (GTK_WINDOW (window));
}

/* Files from the command line or the file manager join the active window: articles are
 * there to be read side by side. */
static void
gloss_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GlossWindow *window = get_or_create_window (GLOSS_APPLICATION (app), FALSE);

  gloss_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GlossWindow *window = gloss_window_new (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window saves its session first. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      g_list_free_1 (l);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Gloss developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  /* Translators: your names, one a line, with an email address or a web address */
  const char *translators = _("translator-credits");

  adw_show_about_window (window,
                         "application-name", _("Gloss"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Gloss developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Read articles side by side and annotate them"),
                         "website", "https://github.com/glossreader/gloss",
                         "issue-url", "https://github.com/glossreader/gloss/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", translators,
                         "copyright", "© 2026 The Gloss developers",
                         NULL);
}

/* One Preferences window at a time, in front of the window it was asked for from. */
static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = GLOSS_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences == NULL)
    {
      self->preferences = gloss_preferences_window_new (self->settings);
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
      gtk_window_set_modal (GTK_WINDOW (self->preferences), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->preferences), TRUE);
    }
  if (window != NULL && window != GTK_WINDOW (self->preferences))
    gtk_window_set_transient_for (GTK_WINDOW (self->preferences), window);

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
gloss_application_startup (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);

  self->settings = g_object_ref (gloss_settings_get_default ());
  g_signal_connect_object (self->settings, "notify::color-scheme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  update_color_scheme (self);

  self->reading_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->reading_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (self->settings, "notify::reading-font",
                           G_CALLBACK (update_reading_css), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::line-spacing",
                           G_CALLBACK (update_reading_css), self, G_CONNECT_SWAPPED);
  update_reading_css (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
}

static void
gloss_application_shutdown (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  if (self->reading_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->reading_css));

  G_APPLICATION_CLASS (gloss_application_parent_class)->shutdown (app);
}

static void
gloss_application_dispose (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences),
                                  (gpointer *) &self->preferences);
  self->preferences = NULL;
  g_clear_object (&self->reading_css);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_application_parent_class)->dispose (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gloss_application_dispose;

  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
  app_class->startup = gloss_application_startup;
  app_class->shutdown = gloss_application_shutdown;
}

static void
gloss_application_init (GlossApplication *self)
{
  g_set_application_name (_("Gloss"));
}

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * gloss_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings the application applies (colour
 *   scheme, reading font and line spacing), or %NULL before it has started up
 */
GlossSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * gloss_application_get_reading_css:
 *
 * Returns: (transfer none) (nullable): the style provider of the reading text that the
 *   application put on the display at startup
 */
GtkCssProvider *
gloss_application_get_reading_css (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  return self->reading_css;
}
