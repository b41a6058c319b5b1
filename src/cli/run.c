/*
 * Checking many devices: a pool of threads takes files in order; each file
 * gets its own arena and diagnostics, merged in file order (afterwards, or
 * as each file's turn comes when its result is handed on: emit), so the
 * output does not depend on scheduling.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__	/* defined by the headers above */
#include <malloc.h>
#endif

#include "cli/cli.h"

#define MC_JOBS_MAX 256
#define MC_THREAD_STACK ((size_t)16 * 1024 * 1024)

typedef struct job {
	const char *path;
	mc_arena *arena;
	mc_diag diag;
	mc_device_result res;
	bool ok;
	bool done;		/* with emit: checked, waiting for its turn */
	bool merged;		/* its errors are in the run's diag */
} job;

typedef struct pool {
	job *jobs;
	size_t njobs;
	atomic_size_t next;
	const mc_run_opts *opts;
	/* With emit: the jobs handed on so far, in file order. */
	pthread_mutex_t mu;
	size_t emitted;
	mc_diag *diag;
} pool;

/* A thread's share of the work: the arena its devices' briefs go to. */
typedef struct worker_arg {
	pool *p;
	mc_arena *keep;
} worker_arg;

/* The model is most of the memory and the report reads little of it:
 * keep the brief, what the report takes first (the JSON report's device
 * object) and the file's errors, in keep; free the rest.  One arena per
 * thread, not per device: a device's brief is a few kilobytes, and an
 * arena of its own held a chunk of 64 KB for it (half of a whole check's
 * memory, and its page faults). */
static void
check_brief(job *j, mc_device *dev, const mc_run_opts *o, mc_arena *keep)
{
	mc_diag kept;
	size_t e;

	mc_check_device_brief(dev, o->check, &j->res, keep, o->prepare);
	mc_diag_init(&kept, keep);
	for (e = 0; e < j->diag.errors.n; e++)
		mc_diag_error(&kept, j->diag.errors.v[e].file,
		    j->diag.errors.v[e].line, "%s", j->diag.errors.v[e].message);
	mc_arena_free(j->arena);
	j->arena = NULL;
	j->diag = kept;
}

/* A job's errors into the run's diagnostics. */
static void
merge_errors(job *j, mc_diag *diag)
{
	size_t e;

	for (e = 0; e < j->diag.errors.n; e++) {
		const mc_error *er = &j->diag.errors.v[e];

		mc_diag_error(diag, er->file, er->line, "%s", er->message);
	}
	j->merged = true;
}

/* Hand on the jobs that are next in file order and done; free what the
 * report no longer needs. */
static void
emit_ready(pool *p)
{
	const mc_run_opts *o = p->opts;

	while (p->emitted < p->njobs && p->jobs[p->emitted].done) {
		job *j = &p->jobs[p->emitted++];

		merge_errors(j, p->diag);
		if (j->ok)
			o->emit(o->emit_ctx, &j->res);
		memset(&j->res.findings, 0, sizeof(j->res.findings));
		j->res.dev = NULL;
		j->res.json = NULL;
		mc_arena_free(j->arena);
		j->arena = NULL;
	}
}

static void
run_one(job *j, const mc_run_opts *o, mc_arena *keep)
{
	mc_device *dev;
	mc_arena *text;
	size_t len;
	char *buf;

	j->arena = mc_arena_new();
	mc_diag_init(&j->diag, j->arena);
	/* The file's text is not kept: the model copies what it needs. */
	text = mc_arena_new();
	if ((buf = mc_read_file(text, j->path, &len, &j->diag)) == NULL) {
		mc_arena_free(text);
		return;
	}
	dev = mc_parse_config(j->arena, j->path, buf, len, o->vendor, &j->diag);
	mc_arena_free(text);
	if (dev == NULL) {
		if (j->diag.errors.n == 0)
			mc_diag_error(&j->diag, j->path, 0,
			    "not understood as a router configuration");
		return;
	}
	j->ok = true;
	if (o->brief && o->emit != NULL) {
		/* its own arena, freed once emitted */
		mc_arena *b = mc_arena_new();

		check_brief(j, dev, o, b);
		j->arena = b;
	} else if (o->brief)
		check_brief(j, dev, o, keep);
	else
		mc_check_device(dev, o->check, &j->res);
}

static void *
worker(void *arg)
{
	worker_arg *w = arg;
	pool *p = w->p;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->njobs) {
		run_one(&p->jobs[i], p->opts, w->keep);
		if (p->opts->emit != NULL) {
			pthread_mutex_lock(&p->mu);
			p->jobs[i].done = true;
			emit_ready(p);
			pthread_mutex_unlock(&p->mu);
		}
	}
	return NULL;
}

/*
 * Each device's arena grows in chunks of up to 16 MB and is freed when the
 * device is done.  glibc would map the big chunks and trim the heap on
 * free, so every device paid for fresh zeroed pages again (an eighth of
 * the run was page faults).  Keep the chunks on the heap and the freed
 * memory in the process, for the next device to reuse.  Set before any
 * thread starts.
 */
static void
keep_freed_memory(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

int
mc_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > MC_JOBS_MAX ? MC_JOBS_MAX : (int)n;
}

void
mc_run_files(const mc_paths *paths, const mc_run_opts *o, mc_run_state *st,
    mc_diag *diag)
{
	pthread_t tid[MC_JOBS_MAX];
	worker_arg wa[MC_JOBS_MAX];
	pthread_attr_t attr;
	size_t i, k, nthreads, started = 0;
	pool p;

	memset(st, 0, sizeof(*st));
	memset(&p, 0, sizeof(p));
	p.njobs = paths->v.n;
	p.opts = o;
	p.diag = diag;
	atomic_init(&p.next, 0);
	if (p.njobs == 0)
		return;
	keep_freed_memory();
	/* a file's arena (the whole model, when the report needs it), then
	 * each thread's arena of briefs */
	if ((p.jobs = calloc(p.njobs, sizeof(*p.jobs))) == NULL ||
	    (st->arenas = calloc(p.njobs + MC_JOBS_MAX,
	    sizeof(*st->arenas))) == NULL ||
	    (st->results = calloc(p.njobs, sizeof(*st->results))) == NULL) {
		fputs("manrs-check: out of memory\n", stderr);
		abort();
	}
	for (i = 0; i < p.njobs; i++)
		p.jobs[i].path = paths->v.v[i];

	nthreads = o->jobs < 1 ? 1 : (size_t)o->jobs;
	if (nthreads > MC_JOBS_MAX)
		nthreads = MC_JOBS_MAX;
	if (nthreads > p.njobs)
		nthreads = p.njobs;
	if (o->emit != NULL && pthread_mutex_init(&p.mu, NULL) != 0) {
		fputs("manrs-check: cannot create a mutex\n", stderr);
		abort();
	}
	for (k = 0; k < nthreads; k++) {
		wa[k].p = &p;
		wa[k].keep = o->brief && o->emit == NULL ? mc_arena_new() :
		    NULL;
		st->arenas[p.njobs + k] = wa[k].keep;
	}
	if (nthreads > 1) {
		/* Parsers and the engine recurse (with bounds): give them room. */
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, MC_THREAD_STACK);
		for (k = 0; k + 1 < nthreads; k++) {
			if (pthread_create(&tid[k], &attr, worker,
			    &wa[k + 1]) != 0)
				break;
			started++;
		}
		pthread_attr_destroy(&attr);
	}
	/* The main thread works too (and alone when threads are refused). */
	worker(&wa[0]);
	for (k = 0; k < started; k++)
		pthread_join(tid[k], NULL);

	if (o->emit != NULL)
		pthread_mutex_destroy(&p.mu);

	st->nfiles = p.njobs;
	for (i = 0; i < p.njobs; i++) {
		job *j = &p.jobs[i];

		st->arenas[i] = j->arena;
		if (!j->merged)
			merge_errors(j, diag);
		if (j->ok)
			st->results[st->nresults++] = j->res;
	}
	free(p.jobs);
}

void
mc_run_free(mc_run_state *st)
{
	size_t i;

	for (i = 0; i < st->nfiles + MC_JOBS_MAX && st->arenas != NULL; i++)
		mc_arena_free(st->arenas[i]);
	free(st->arenas);
	free(st->results);
	memset(st, 0, sizeof(*st));
}
