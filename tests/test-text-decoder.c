/* test-text-decoder.c: bytes of text files to UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-text-decoder.h"

#include <string.h>

static char *
decode (const char  *data,
        gsize        len,
        GError     **error)
{
  gsize out_len = 0;
  char *text = gloss_text_decode (data, len, &out_len, error);

  if (text != NULL)
    g_assert_cmpuint (strlen (text), ==, out_len);

  return text;
}

static void
test_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = decode ("caf\xc3\xa9", 5, &error);
  g_autofree char *bom = decode ("\xef\xbb\xbf" "caf\xc3\xa9", 8, &error);
  g_autofree char *empty = decode ("", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "caf\xc3\xa9");
  g_assert_cmpstr (bom, ==, "caf\xc3\xa9");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_line_endings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = decode ("a\r\nb\rc\n\r\nd", 10, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "a\nb\nc\n\nd");
}

static void
test_utf16 (void)
{
  static const char le[] = "\xff\xfe" "H\0i\0\x19\x20";
  static const char be[] = "\xfe\xff" "\0H\0i\x20\x19";
  g_autoptr(GError) error = NULL;
  g_autofree char *from_le = decode (le, sizeof le - 1, &error);
  g_autofree char *from_be = decode (be, sizeof be - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (from_le, ==, "Hi\xe2\x80\x99");
  g_assert_cmpstr (from_be, ==, "Hi\xe2\x80\x99");
}

static void
test_windows_1252 (void)
{
  g_autoptr(GError) error = NULL;
  /* “Café” — in Windows-1252: curly quotes at 0x93/0x94, é at 0xE9 */
  static const char data[] = "\x93" "Caf\xe9\x94 said the sign";
  g_autofree char *text = decode (data, sizeof data - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "\xe2\x80\x9c" "Caf\xc3\xa9\xe2\x80\x9d said the sign");
}

/* The five bytes Windows-1252 leaves unassigned do not make the whole file unreadable. */
static void
test_windows_1252_unassigned (void)
{
  g_autoptr(GError) error = NULL;
  static const char data[] = "Caf\xe9 \x81 ok";
  g_autofree char *text = decode (data, sizeof data - 1, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "Caf\xc3\xa9 "));
}

static void
test_latin1 (void)
{
  g_autoptr(GError) error = NULL;
  static const char data[] = "Fa\xe7" "ade na\xefve";
  g_autofree char *text = decode (data, sizeof data - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Fa\xc3\xa7" "ade na\xc3\xafve");
}

static void
test_unknown_encoding (void)
{
  g_autoptr(GError) error = NULL;
  /* Russian in Windows-1251: nearly every letter is a high byte. */
  static const char cyrillic[] = "\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0";
  g_autofree char *text = decode (cyrillic, sizeof cyrillic - 1, &error);

  g_assert_null (text);
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_ENCODING);
}

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autofree char *text = decode (png, sizeof png - 1, &error);
  g_autofree char *controls = NULL;
  g_autofree char *noise = g_malloc (4096);

  g_assert_null (text);
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY);

  /* No NUL, but mostly control bytes. */
  for (guint i = 0; i < 4096; i++)
    noise[i] = (char) (1 + i % 8);
  g_clear_error (&error);
  controls = decode (noise, 4096, &error);
  g_assert_null (controls);
  g_assert_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/text-decoder/utf8", test_utf8);
  g_test_add_func ("/gloss/text-decoder/line-endings", test_line_endings);
  g_test_add_func ("/gloss/text-decoder/utf16", test_utf16);
  g_test_add_func ("/gloss/text-decoder/windows-1252", test_windows_1252);
  g_test_add_func ("/gloss/text-decoder/windows-1252-unassigned", test_windows_1252_unassigned);
  g_test_add_func ("/gloss/text-decoder/latin1", test_latin1);
  g_test_add_func ("/gloss/text-decoder/unknown-encoding", test_unknown_encoding);
  g_test_add_func ("/gloss/text-decoder/binary", test_binary);

  return g_test_run ();
}
