/*
 * Input files: expand directories (recursively, in sorted order) and read
 * each file whole, refusing what cannot be a configuration with an error
 * that names the file.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "manrs/conf.h"

/* Names never taken from a directory walk (a path named on the command
 * line is always read). */
static const char *skip_ext[] = {
	"md", "markdown", "rst", "adoc", "yaml", "yml", "json", "tsv", "csv",
	"html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "gz", "bz2",
	"xz", "zst", "zip", "tar", "tgz", "py", "pyc", "sh", "pl", "rb", "go",
	"c", "h", "o", "a", "so", "orig", "rej", "swp", "bak", "sarif", "xml",
	NULL
};

static const char *skip_prefix[] = {
	"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "Makefile",
	NULL
};

static bool
skip_name(const char *name)
{
	const char *dot;
	size_t n = strlen(name);
	int i;

	if (name[0] == '.' || n == 0 || name[n - 1] == '~')
		return true;
	if (strcmp(name, "manrs-check.yaml") == 0)
		return true;
	for (i = 0; skip_prefix[i] != NULL; i++)
		if (strncmp(name, skip_prefix[i], strlen(skip_prefix[i])) == 0)
			return true;
	if ((dot = strrchr(name, '.')) == NULL)
		return false;
	for (i = 0; skip_ext[i] != NULL; i++)
		if (strcasecmp(dot + 1, skip_ext[i]) == 0)
			return true;
	return false;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
join(mc_arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return mc_printf(a, "%s%s", dir, name);
	return mc_printf(a, "%s/%s", dir, name);
}

static void
walk_dir(mc_arena *a, const char *dir, int depth, mc_paths *out, mc_diag *diag)
{
	MC_VEC(char *) names = {0};
	struct dirent *de;
	struct stat st;
	DIR *d;
	size_t i;

	if (depth > MC_WALK_DEPTH) {
		mc_diag_error(diag, dir, 0, "directories nested deeper than %d "
		    "levels: not descended", MC_WALK_DEPTH);
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		mc_diag_error(diag, dir, 0, "cannot read directory: %s",
		    strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (skip_name(de->d_name))
			continue;
		mc_vec_push(a, &names, mc_strdup(a, de->d_name));
	}
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		char *p = join(a, dir, names.v[i]);

		if (lstat(p, &st) != 0) {
			mc_diag_error(diag, p, 0, "%s", strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			walk_dir(a, p, depth + 1, out, diag);
			continue;
		}
		/* Symbolic links are followed to files, never to directories
		 * (no loops); sockets, FIFOs and devices are passed over. */
		if (S_ISLNK(st.st_mode) && stat(p, &st) != 0)
			continue;
		if (S_ISREG(st.st_mode))
			mc_vec_push(a, &out->v, p);
	}
}

void
mc_walk(mc_arena *a, char *const *args, int nargs, mc_paths *out,
    mc_diag *diag)
{
	struct stat st;
	size_t i, j;
	int k;

	for (k = 0; k < nargs; k++) {
		const char *p = args[k];

		if (p[0] == '\0') {
			mc_diag_error(diag, NULL, 0, "empty path argument");
			continue;
		}
		if (stat(p, &st) != 0) {
			mc_diag_error(diag, p, 0, "%s", strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode))
			walk_dir(a, p, 0, out, diag);
		else
			/* mc_read_file explains FIFOs, devices, ... */
			mc_vec_push(a, &out->v, mc_strdup(a, p));
	}
	/* One deterministic order, each file once. */
	if (out->v.n > 1)
		qsort(out->v.v, out->v.n, sizeof(*out->v.v), cmp_str);
	for (i = j = 0; i < out->v.n; i++)
		if (j == 0 || strcmp(out->v.v[j - 1], out->v.v[i]) != 0)
			out->v.v[j++] = out->v.v[i];
	out->v.n = j;
}

static int
line_of(const char *buf, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* Text, or something else?  NUL bytes never occur in configurations. */
static bool
check_text(const char *path, const char *buf, size_t len, mc_diag *diag)
{
	const unsigned char *u = (const unsigned char *)buf;
	const char *nul;
	size_t i, n, ctl = 0;

	if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff))) {
		mc_diag_error(diag, path, 1, "UTF-16 text is not supported: "
		    "convert the file to UTF-8 or ASCII");
		return false;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		mc_diag_error(diag, path, line_of(buf, (size_t)(nul - buf)),
		    "binary file (NUL byte at offset %zu): not a configuration",
		    (size_t)(nul - buf));
		return false;
	}
	n = len < 65536 ? len : 65536;
	for (i = mc_text_suspect(buf, n) ? 0 : n; i < n; i++)
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r' && u[i] != '\f' && u[i] != 0x1b)
			ctl++;
	if (ctl * 20 > n) {
		mc_diag_error(diag, path, 0, "binary file (%zu control bytes "
		    "in the first %zu): not a configuration", ctl, n);
		return false;
	}
	for (i = 0; i < len; i++)
		if (!isspace(u[i]))
			return true;
	mc_diag_error(diag, path, 0, "empty file (only white space)");
	return false;
}

char *
mc_read_file(mc_arena *a, const char *path, size_t *lenp, mc_diag *diag)
{
	struct stat st;
	size_t cap, len = 0;
	ssize_t r;
	char *buf;
	int fd;

	*lenp = 0;
	if (stat(path, &st) != 0) {
		mc_diag_error(diag, path, 0, "%s", strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		mc_diag_error(diag, path, 0, "is a directory");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		mc_diag_error(diag, path, 0, "not a regular file (FIFO, socket "
		    "or device): not read");
		return NULL;
	}
	if ((size_t)st.st_size > MC_FILE_MAX) {
		mc_diag_error(diag, path, 0, "file too large (%lld bytes; the "
		    "limit is %zu MiB)", (long long)st.st_size,
		    MC_FILE_MAX >> 20);
		return NULL;
	}
	/* O_NONBLOCK: a file replaced by a FIFO since stat() must not hang. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		mc_diag_error(diag, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		mc_diag_error(diag, path, 0, "not a regular file: not read");
		close(fd);
		return NULL;
	}
	cap = (size_t)st.st_size + 1;
	buf = mc_alloc_nz(a, cap + 1);	/* read() fills it */
	for (;;) {
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			mc_diag_error(diag, path, 0, "read error: %s",
			    strerror(errno));
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len == cap) {
			/* The file grew while we read it. */
			char *nb;

			if (cap > MC_FILE_MAX) {
				mc_diag_error(diag, path, 0, "file too large "
				    "(more than %zu MiB)", MC_FILE_MAX >> 20);
				close(fd);
				return NULL;
			}
			nb = mc_alloc(a, cap * 2 + 1);
			memcpy(nb, buf, len);
			buf = nb;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	if (len == 0) {
		mc_diag_error(diag, path, 0, "empty file");
		return NULL;
	}
	if (!check_text(path, buf, len, diag))
		return NULL;
	*lenp = len;
	return buf;
}
