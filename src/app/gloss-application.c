/* gloss-application.c: the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gloss-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-application.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication parent_instance;
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
                         "copyright", "© 2026 The Gloss developers",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
gloss_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
  app_class->startup = gloss_application_startup;
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
