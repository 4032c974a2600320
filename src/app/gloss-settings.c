/* gloss-settings.c: the app's settings as a typed object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each key of the io.github.glossreader.Gloss schema is a property of the same name, bound
 * both ways with g_settings_bind: widgets bind to the properties, and a property notifies
 * only when its value really changed. "reading-font" is derived: the font the articles are
 * read in, the "font" key or else the system document font, always with a size.
 */

#define G_LOG_DOMAIN "gloss-settings"

#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "gloss-application.h"
#include "gloss-settings.h"

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define DOCUMENT_FONT_KEY "document-font-name"

enum {
  PROP_0,
  /* the keys, named as in the schema */
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_OPEN_ARTICLES,
  PROP_ZOOM,
  PROP_SCROLL_TOGETHER,
  PROP_HIGHLIGHT_COLOR,
  PROP_FONT,
  PROP_LINE_SPACING,
  PROP_COLUMN_WIDTH,
  PROP_COLOR_SCHEME,
  PROP_COMPARE_MIN_WORDS,
  N_KEY_PROPS,
  /* derived */
  PROP_GSETTINGS = N_KEY_PROPS,
  PROP_READING_FONT,
  N_PROPS
};

struct _GlossSettings
{
  GObject    parent_instance;

  GSettings *settings;
  GSettings *interface_settings;   /* NULL where the GNOME schema is not installed */
  GValue     values[N_KEY_PROPS];  /* indexed by property id; keys only */
  char      *reading_font;
};

G_DEFINE_FINAL_TYPE (GlossSettings, gloss_settings, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      if (sa == NULL || sb == NULL)
        return sa == sb;
      return g_strv_equal (sa, sb);
    }
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_DOUBLE (a))
    return G_APPROX_VALUE (g_value_get_double (a), g_value_get_double (b), 1e-9);
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  g_assert (G_VALUE_HOLDS_BOOLEAN (a));
  return g_value_get_boolean (a) == g_value_get_boolean (b);
}

static void
update_reading_font (GlossSettings *self)
{
  const char *font = g_value_get_string (&self->values[PROP_FONT]);
  g_autoptr(PangoFontDescription) desc = NULL;
  g_autofree char *reading_font = NULL;

  if (font != NULL && font[0] != '\0')
    desc = pango_font_description_from_string (font);
  else if (self->interface_settings != NULL)
    {
      g_autofree char *document_font = g_settings_get_string (self->interface_settings,
                                                              DOCUMENT_FONT_KEY);

      /* the system's family, at the reading size rather than the system's text size */
      desc = pango_font_description_from_string (document_font);
      pango_font_description_unset_fields (desc, PANGO_FONT_MASK_SIZE);
    }
  else
    desc = pango_font_description_new ();

  if (pango_font_description_get_family (desc) == NULL)
    pango_font_description_set_family (desc, "Sans");
  if (pango_font_description_get_size (desc) <= 0)
    pango_font_description_set_size (desc, GLOSS_SETTINGS_DEFAULT_FONT_POINTS * PANGO_SCALE);

  reading_font = pango_font_description_to_string (desc);
  if (g_strcmp0 (reading_font, self->reading_font) == 0)
    return;

  g_free (self->reading_font);
  self->reading_font = g_steal_pointer (&reading_font);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING_FONT]);
}

static void
set_value (GlossSettings *self,
           guint          prop_id,
           const GValue  *value)
{
  g_assert (prop_id > PROP_0 && prop_id < N_KEY_PROPS);

  if (values_equal (&self->values[prop_id], value))
    return;

  g_value_copy (value, &self->values[prop_id]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);

  if (prop_id == PROP_FONT)
    update_reading_font (self);
}

static void
gloss_settings_constructed (GObject *object)
{
  GlossSettings *self = GLOSS_SETTINGS (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) interface_schema = NULL;

  G_OBJECT_CLASS (gloss_settings_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = gloss_application_new_settings ();

  if (source != NULL)
    interface_schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (interface_schema != NULL && g_settings_schema_has_key (interface_schema, DOCUMENT_FONT_KEY))
    {
      self->interface_settings = g_settings_new_full (interface_schema, NULL, NULL);
      g_signal_connect_object (self->interface_settings, "changed::" DOCUMENT_FONT_KEY,
                               G_CALLBACK (update_reading_font), self, G_CONNECT_SWAPPED);
    }

  for (guint i = PROP_0 + 1; i < N_KEY_PROPS; i++)
    g_settings_bind (self->settings, properties[i]->name, self, properties[i]->name,
                     G_SETTINGS_BIND_DEFAULT);

  update_reading_font (self);
}

static void
gloss_settings_dispose (GObject *object)
{
  GlossSettings *self = GLOSS_SETTINGS (object);

  for (guint i = PROP_0 + 1; i < N_KEY_PROPS; i++)
    g_settings_unbind (self, properties[i]->name);
  g_clear_object (&self->interface_settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_settings_parent_class)->dispose (object);
}

static void
gloss_settings_finalize (GObject *object)
{
  GlossSettings *self = GLOSS_SETTINGS (object);

  for (guint i = PROP_0 + 1; i < N_KEY_PROPS; i++)
    g_value_unset (&self->values[i]);
  g_free (self->reading_font);

  G_OBJECT_CLASS (gloss_settings_parent_class)->finalize (object);
}

static void
gloss_settings_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossSettings *self = GLOSS_SETTINGS (object);

  if (prop_id > PROP_0 && prop_id < N_KEY_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else if (prop_id == PROP_GSETTINGS)
    g_value_set_object (value, self->settings);
  else if (prop_id == PROP_READING_FONT)
    g_value_set_string (value, self->reading_font);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gloss_settings_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossSettings *self = GLOSS_SETTINGS (object);

  if (prop_id > PROP_0 && prop_id < N_KEY_PROPS)
    set_value (self, prop_id, value);
  else if (prop_id == PROP_GSETTINGS)
    self->settings = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gloss_settings_class_init (GlossSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = gloss_settings_constructed;
  object_class->dispose = gloss_settings_dispose;
  object_class->finalize = gloss_settings_finalize;
  object_class->get_property = gloss_settings_get_property;
  object_class->set_property = gloss_settings_set_property;

  /* Defaults and ranges as in the schema, which g_settings_bind fills in at once. */
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, G_MININT, G_MAXINT, 1200, flags);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, G_MININT, G_MAXINT, 800, flags);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, flags);
  properties[PROP_OPEN_ARTICLES] =
    g_param_spec_boxed ("open-articles", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0, flags);
  properties[PROP_SCROLL_TOGETHER] =
    g_param_spec_boolean ("scroll-together", NULL, NULL, FALSE, flags);
  properties[PROP_HIGHLIGHT_COLOR] =
    g_param_spec_string ("highlight-color", NULL, NULL, "yellow", flags);
  properties[PROP_FONT] =
    g_param_spec_string ("font", NULL, NULL, "", flags);
  properties[PROP_LINE_SPACING] =
    g_param_spec_double ("line-spacing", NULL, NULL, 1.0, 2.5, 1.5, flags);
  properties[PROP_COLUMN_WIDTH] =
    g_param_spec_int ("column-width", NULL, NULL, 0, 4000, 720, flags);
  properties[PROP_COLOR_SCHEME] =
    g_param_spec_string ("color-scheme", NULL, NULL, "follow", flags);
  properties[PROP_COMPARE_MIN_WORDS] =
    g_param_spec_int ("compare-min-words", NULL, NULL, 2, 100, 8, flags);

  properties[PROP_GSETTINGS] =
    g_param_spec_object ("gsettings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READING_FONT] =
    g_param_spec_string ("reading-font", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_settings_init (GlossSettings *self)
{
  for (guint i = PROP_0 + 1; i < N_KEY_PROPS; i++)
    {
      g_value_init (&self->values[i], properties[i]->value_type);
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * gloss_settings_get_default:
 *
 * The settings of the process, made at first use from gloss_application_new_settings():
 * what windows, views and the preferences bind to.
 *
 * Returns: (transfer none): the process's #GlossSettings
 */
GlossSettings *
gloss_settings_get_default (void)
{
  static GlossSettings *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, gloss_settings_new (NULL));

  return instance;
}

/**
 * gloss_settings_new:
 * @settings: (nullable): the #GSettings to wrap, or %NULL for the app's own
 *
 * Returns: (transfer full): a new #GlossSettings
 */
GlossSettings *
gloss_settings_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (GLOSS_TYPE_SETTINGS, "gsettings", settings, NULL);
}

GSettings *
gloss_settings_get_gsettings (GlossSettings *self)
{
  g_return_val_if_fail (GLOSS_IS_SETTINGS (self), NULL);

  return self->settings;
}

#define GETTER(type, key, PROP, getter) \
  type \
  gloss_settings_get_##key (GlossSettings *self) \
  { \
    g_return_val_if_fail (GLOSS_IS_SETTINGS (self), (type) 0); \
    return getter (&self->values[PROP]); \
  }

#define SETTER(type, key, PROP, gtype, setter) \
  void \
  gloss_settings_set_##key (GlossSettings *self, \
                             type           value) \
  { \
    g_auto(GValue) gvalue = G_VALUE_INIT; \
    g_return_if_fail (GLOSS_IS_SETTINGS (self)); \
    g_value_init (&gvalue, gtype); \
    setter (&gvalue, value); \
    g_object_set_property (G_OBJECT (self), properties[PROP]->name, &gvalue); \
  }

GETTER (const char *, font, PROP_FONT, g_value_get_string)
SETTER (const char *, font, PROP_FONT, G_TYPE_STRING, g_value_set_string)
GETTER (double, line_spacing, PROP_LINE_SPACING, g_value_get_double)
SETTER (double, line_spacing, PROP_LINE_SPACING, G_TYPE_DOUBLE, g_value_set_double)
GETTER (int, column_width, PROP_COLUMN_WIDTH, g_value_get_int)
SETTER (int, column_width, PROP_COLUMN_WIDTH, G_TYPE_INT, g_value_set_int)
GETTER (const char *, color_scheme, PROP_COLOR_SCHEME, g_value_get_string)
SETTER (const char *, color_scheme, PROP_COLOR_SCHEME, G_TYPE_STRING, g_value_set_string)
GETTER (const char *, highlight_color, PROP_HIGHLIGHT_COLOR, g_value_get_string)
SETTER (const char *, highlight_color, PROP_HIGHLIGHT_COLOR, G_TYPE_STRING, g_value_set_string)
GETTER (int, compare_min_words, PROP_COMPARE_MIN_WORDS, g_value_get_int)
SETTER (int, compare_min_words, PROP_COMPARE_MIN_WORDS, G_TYPE_INT, g_value_set_int)
GETTER (double, zoom, PROP_ZOOM, g_value_get_double)
SETTER (double, zoom, PROP_ZOOM, G_TYPE_DOUBLE, g_value_set_double)
GETTER (gboolean, scroll_together, PROP_SCROLL_TOGETHER, g_value_get_boolean)
SETTER (gboolean, scroll_together, PROP_SCROLL_TOGETHER, G_TYPE_BOOLEAN, g_value_set_boolean)

/**
 * gloss_settings_get_reading_font:
 *
 * Returns: the font description articles are read in at zoom 1: the "font" key, or the
 *   system document font at %GLOSS_SETTINGS_DEFAULT_FONT_POINTS; always with a family
 *   and a size
 */
const char *
gloss_settings_get_reading_font (GlossSettings *self)
{
  g_return_val_if_fail (GLOSS_IS_SETTINGS (self), NULL);

  return self->reading_font;
}

/**
 * gloss_settings_get_font_points:
 *
 * Returns: the size of the reading font at zoom 1, in points
 */
double
gloss_settings_get_font_points (GlossSettings *self)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  double size;

  g_return_val_if_fail (GLOSS_IS_SETTINGS (self), GLOSS_SETTINGS_DEFAULT_FONT_POINTS);

  desc = pango_font_description_from_string (self->reading_font);
  size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  /* "Sans 16px": 1 px is 3/4 pt at 96 dpi */
  if (pango_font_description_get_size_is_absolute (desc))
    size *= 0.75;

  return CLAMP (size, 4.0, 96.0);
}

static void
append_font_families (GString    *css,
                      const char *families)
{
  g_auto(GStrv) names = g_strsplit (families, ",", -1);
  gboolean first = TRUE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (names[i][0] == '\0')
        continue;

      g_string_append (css, first ? "" : ", ");
      g_string_append_c (css, '"');
      for (const char *p = names[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (css, '\\');
          g_string_append_c (css, *p);
        }
      g_string_append_c (css, '"');
      first = FALSE;
    }
}

/**
 * gloss_settings_dup_reading_css:
 *
 * The style of the reading text that the application puts on the display: the family,
 * weight, style and stretch of the reading font, and the line spacing. Not the size: the
 * article view sets that, as gloss_settings_get_font_points() times its zoom.
 *
 * Returns: (transfer full): CSS for `textview.reading`
 */
char *
gloss_settings_dup_reading_css (GlossSettings *self)
{
  static const char * const stretches[] = {
    "ultra-condensed", "extra-condensed", "condensed", "semi-condensed", "normal",
    "semi-expanded", "expanded", "extra-expanded", "ultra-expanded",
  };
  g_autoptr(PangoFontDescription) desc = NULL;
  GString *css;
  PangoStyle style;
  PangoStretch stretch;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (GLOSS_IS_SETTINGS (self), NULL);

  desc = pango_font_description_from_string (self->reading_font);
  style = pango_font_description_get_style (desc);
  stretch = pango_font_description_get_stretch (desc);

  css = g_string_new ("textview.reading {\n  font-family: ");
  append_font_families (css, pango_font_description_get_family (desc));
  g_string_append_printf (css, ";\n  font-weight: %d;\n  font-style: %s;\n",
                          (int) pango_font_description_get_weight (desc),
                          style == PANGO_STYLE_ITALIC ? "italic"
                          : style == PANGO_STYLE_OBLIQUE ? "oblique" : "normal");
  if ((guint) stretch < G_N_ELEMENTS (stretches))
    g_string_append_printf (css, "  font-stretch: %s;\n", stretches[stretch]);
  g_string_append_printf (css, "  line-height: %s;\n}\n",
                          g_ascii_formatd (buf, sizeof buf, "%.2f",
                                           gloss_settings_get_line_spacing (self)));

  return g_string_free (css, FALSE);
}
