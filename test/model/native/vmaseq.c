/*
 * vmaseq: replay sequences of mmap/munmap/mprotect/mremap/touch on the running kernel, inside a
 * window at a fixed base address, and print after each op the errno, the returned address and the
 * VMAs of the window as /proc/self/smaps shows them (the maps line and VmFlags). Used by kdocs' differential test of the VMA model.
 *
 * usage: vmaseq BASE WINDOW_BYTES FILE_PAGES < ops
 * Input lines (numbers in hex):
 *   S                                      start a sequence (each sequence runs in a fresh forked child)
 *   M addr len prot flags fileidx off      mmap (fileidx -1 = none; 0 = temp file O_RDWR, 1 = O_RDONLY, 2 = O_WRONLY, 3 = /dev/zero O_RDWR, 4 = memfd, 5 = memfd with F_SEAL_WRITE,
 *                                          6 = memfd_secret: its mmap_prepare rejects private mappings,
 *                                          7 = a perf event fd: its legacy ->mmap rejects private mappings)
 *   U addr len                             munmap
 *   P addr len prot                        mprotect
 *   R addr oldlen newlen flags newaddr     mremap (raw syscall, 5 arguments)
 *   T addr                                 write one byte (SIGSEGV -> 1011, SIGBUS -> 1007)
 *   F addr len                             userfaultfd register (MISSING, UFFD_FEATURE_SIGBUS)
 *   Z addr len                             mseal(addr, len, 0) (raw syscall 462 on x86-64)
 *   C                                      print Committed_AS of /proc/meminfo in kB: "C kB" (no window)
 *   N free                                 map 1-page VMAs far from the window (alternating protections, so
 *                                          they do not merge) until max_map_count - map_count == free; prints
 *                                          "N map_count max_map_count" (no window). vm.max_map_count is read, never changed.
 *   X headroom                             (first line only) fill up to headroom slots below max_map_count once, before
 *                                          the sequences: each child inherits the filler, and N tops it up or trims it
 * Output: one line per op:  errno ret ;start-end perms offset name|VmFlags;...
 *   ret = hex address if inside the window, OUT if outside, - on error or for ops without one.
 *   name = a (anonymous), f (the temp file), m/M (memfd, write-sealed memfd), Z (/dev/zero private), z (shared anon / shmem "/dev/zero (deleted)"), ? (other)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long base, wsize;
static int fds[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
static char fpath[4096];
static sigjmp_buf jb;
static volatile int sig;
static int uffd = -1;

#define MAXOUT 4096
static unsigned long out_addr[MAXOUT], out_len[MAXOUT];
static int nout;

static void onsig(int s) { sig = s; siglongjmp(jb, 1); }

static void remember_out(unsigned long a, unsigned long l) {
	if (nout < MAXOUT) { out_addr[nout] = a; out_len[nout] = l; nout++; }
}

/* One line of /proc/self/smaps: print the window's maps lines and VmFlags. Returns 1 at the first
 * VMA past the window (smaps lists VMAs in address order: nothing after it can be in the window). */
static int window_line(char *line, int *in) {
	unsigned long s, e, off; char perms[8]; char dev[32]; unsigned long ino; int pos = 0;
	if (!strncmp(line, "VmFlags:", 8)) {
		if (*in) printf("|%s", line + 8);
	} else if (sscanf(line, "%lx-%lx %7s %lx %31s %lu %n", &s, &e, perms, &off, dev, &ino, &pos) >= 6 && strchr(line, '-') < strchr(line, ' ')) {
		if (s >= base + wsize) return 1;
		*in = e > base && s < base + wsize;
		if (*in) {
			const char *path = line + pos;
			const char *name = "?";
			if (ino == 0 && !*path) name = "a";
			else if (!strcmp(path, fpath)) name = "f";
			else if (!strcmp(path, "/dev/zero")) name = "Z";
			else if (!strncmp(path, "/memfd:kdocs-m", 14)) name = "m";
			else if (!strncmp(path, "/memfd:kdocs-s", 14)) name = "M";
			else if (!strncmp(path, "/secretmem", 10)) name = "S";
			else if (!strncmp(path, "/dev/zero", 9) || !strncmp(path, "/SYSV", 5)) name = "z";
			printf(";%lx-%lx %s %lx %s", s, e, perms, off, name);
		}
	}
	return 0;
}

/* The window's VMAs from /proc/self/smaps: the maps line of each, and its VmFlags. smaps is read a
 * few kB at a time and no further than the first VMA past the window: the kernel generates smaps
 * records (a page-table walk each) only as far as they are read, and after a max_map_count fill the
 * whole file is tens of MB. */
static void print_window(void) {
	static char buf[1 << 16];
	int fd = open("/proc/self/smaps", O_RDONLY);
	size_t have = 0;
	int in = 0, done = 0;
	while (fd >= 0 && !done) {
		size_t room = sizeof(buf) - 1 - have;
		ssize_t n = read(fd, buf + have, room < 4096 ? room : 4096);
		if (n <= 0) break;
		have += n;
		buf[have] = 0;
		char *line = buf, *nl;
		while (!done && (nl = strchr(line, '\n'))) {
			*nl = 0;
			done = window_line(line, &in);
			line = nl + 1;
		}
		have -= line - buf;
		memmove(buf, line, have);
		if (have >= sizeof(buf) - 1) have = 0; /* a line longer than the buffer: no VMA line */
	}
	if (fd >= 0) close(fd);
	printf("\n");
}

static void print_ret(long err, unsigned long ret, int has) {
	if (err || !has) printf("%ld -", err);
	else if (ret >= base && ret < base + wsize) printf("0 %lx", ret);
	else printf("0 OUT");
}

#ifndef SYS_mseal
#define SYS_mseal 462
#endif

static int outside(long r) {
	return (unsigned long)r < base || (unsigned long)r >= base + wsize;
}

static long meminfo_committed(void) {
	char b[8192]; int fd = open("/proc/meminfo", O_RDONLY); long v = -1;
	ssize_t n = fd >= 0 ? read(fd, b, sizeof b - 1) : -1;
	if (fd >= 0) close(fd);
	if (n <= 0) return -1;
	b[n] = 0;
	char *p = strstr(b, "Committed_AS:");
	if (p) v = atol(p + 13);
	return v;
}

/* VMAs of this process: the lines of /proc/self/maps but the gate area ([vsyscall] is no VMA). */
static long map_count(void) {
	static char b[1 << 22]; int fd = open("/proc/self/maps", O_RDONLY); ssize_t n, tot = 0;
	while (fd >= 0 && (n = read(fd, b + tot, sizeof(b) - 1 - tot)) > 0) tot += n;
	if (fd >= 0) close(fd);
	b[tot] = 0;
	long c = 0;
	for (char *p = b; *p; p++) if (*p == '\n') c++;
	if (strstr(b, "[vsyscall]")) c--;
	return c;
}

static long read_max_map_count(void) {
	long max = 65530;
	FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
	if (f) { if (fscanf(f, "%ld", &max) != 1) max = 65530; fclose(f); }
	return max;
}

/* The filler: 1-page VMAs at FILL, pages [0, fill_next), alternating protections so that none merges
 * with the one before: each page is one VMA, and the map count follows without reading the
 * 65,000-line maps file again. Grows or shrinks (from the top) the filler until the map count is
 * `target`; returns the count reached. */
#define FILL ((char *)0x300000000000UL)
static long fill_next;
static long fill_to(long target, long count) {
	for (; count < target; count++, fill_next++)
		if (mmap(FILL + fill_next * 4096, 4096, (fill_next & 1) ? PROT_READ : PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED) break;
	for (; count > target && fill_next > 0; count--)
		munmap(FILL + --fill_next * 4096, 4096);
	return count;
}

static void fill_map_count(long free_slots) {
	long max = read_max_map_count();
	printf("N %ld %ld\n", fill_to(max - free_slots, map_count()), max);
}

static void run_line(const char *line) {
	unsigned long a = 0, b = 0, c = 0, d = 0, e = 0;
	long fi = -1, r, err = 0;

	switch (line[0]) {
	case 'M':
		sscanf(line + 1, "%lx %lx %lx %lx %ld %lx", &a, &b, &c, &d, &fi, &e);
		r = syscall(SYS_mmap, a, b, c, d, fi >= 0 && fi < 8 ? fds[fi] : (fi == -1 ? -1 : 1000), e);
		err = r == -1 ? errno : 0;
		if (!err && outside(r)) remember_out(r, b);
		print_ret(err, r, 1);
		break;
	case 'U':
		sscanf(line + 1, "%lx %lx", &a, &b);
		r = syscall(SYS_munmap, a, b);
		err = r ? errno : 0;
		print_ret(err, 0, 0);
		break;
	case 'P':
		sscanf(line + 1, "%lx %lx %lx", &a, &b, &c);
		r = syscall(SYS_mprotect, a, b, c);
		err = r ? errno : 0;
		print_ret(err, 0, 0);
		break;
	case 'R':
		sscanf(line + 1, "%lx %lx %lx %lx %lx", &a, &b, &c, &d, &e);
		r = syscall(SYS_mremap, a, b, c, d, e);
		err = r == -1 ? errno : 0;
		if (!err && outside(r)) remember_out(r, c);
		print_ret(err, r, 1);
		break;
	case 'T':
		sscanf(line + 1, "%lx", &a);
		sig = 0;
		if (!sigsetjmp(jb, 1))
			*(volatile char *)a = 1;
		err = sig ? 1000 + sig : 0;
		print_ret(err, 0, 0);
		break;
	case 'F':
		sscanf(line + 1, "%lx %lx", &a, &b);
		if (uffd < 0) {
			uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
			if (uffd >= 0) {
				struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_SIGBUS };
				if (ioctl(uffd, UFFDIO_API, &api)) { close(uffd); uffd = -1; }
			}
		}
		if (uffd < 0) {
			err = 1000;
		} else {
			struct uffdio_register reg = { .range = { .start = a, .len = b }, .mode = UFFDIO_REGISTER_MODE_MISSING };
			err = ioctl(uffd, UFFDIO_REGISTER, &reg) ? errno : 0;
		}
		print_ret(err, 0, 0);
		break;
	case 'Z':
		sscanf(line + 1, "%lx %lx", &a, &b);
		r = syscall(SYS_mseal, a, b, 0);
		err = r ? errno : 0;
		print_ret(err, 0, 0);
		break;
	case 'C':
		printf("C %ld\n", meminfo_committed());
		return;
	case 'N':
		sscanf(line + 1, "%lx", &a);
		fill_map_count((long)a);
		return;
	default:
		return;
	}
	print_window();
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: vmaseq BASE WINDOW FILE_PAGES\n"); return 2; }
	base = strtoul(argv[1], NULL, 16);
	wsize = strtoul(argv[2], NULL, 16);
	unsigned long fpages = strtoul(argv[3], NULL, 16);
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(fpath, sizeof fpath, "%s/vmaseq.%d", dir, getpid());
	fds[0] = open(fpath, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fds[0] < 0 || ftruncate(fds[0], fpages * 4096) < 0) { perror("tmpfile"); return 2; }
	fds[1] = open(fpath, O_RDONLY);
	fds[2] = open(fpath, O_WRONLY);
	fds[3] = open("/dev/zero", O_RDWR);
	fds[4] = memfd_create("kdocs-m", MFD_ALLOW_SEALING);
	fds[5] = memfd_create("kdocs-s", MFD_ALLOW_SEALING);
	if (fds[4] < 0 || fds[5] < 0 || ftruncate(fds[4], fpages * 4096) || ftruncate(fds[5], fpages * 4096) ||
	    fcntl(fds[5], F_ADD_SEALS, F_SEAL_WRITE)) { perror("memfd"); return 2; }
#ifndef SYS_memfd_secret
#define SYS_memfd_secret 447
#endif
	fds[6] = syscall(SYS_memfd_secret, 0);   /* may be unavailable: then mmaps of fd 6 fail EBADF */
	if (fds[6] >= 0 && ftruncate(fds[6], fpages * 4096)) { close(fds[6]); fds[6] = -1; }
	/* 7: a perf event (software cpu-clock of this process): its legacy ->mmap refuses private mappings
	 * after the core charged them (-EINVAL). May be unavailable (perf_event_paranoid): then EBADF. */
	{
		struct perf_event_attr pa; memset(&pa, 0, sizeof pa);
		pa.type = PERF_TYPE_SOFTWARE; pa.size = sizeof pa; pa.config = PERF_COUNT_SW_CPU_CLOCK; pa.disabled = 1;
		fds[7] = syscall(SYS_perf_event_open, &pa, 0, -1, -1, 0);
	}
	struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = onsig; sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	/* Read everything, then run the sequences in forked children, each in a fresh window: no VMA in
	 * the window predates the sequence (no inherited anon_vmas, nothing left by the one before).
	 * A fork costs more than a whole sequence's syscalls (about 1.3 ms of CPU here), so a child runs
	 * sequences one after another while it can put its address space back as it found it: after a
	 * sequence it unmaps the window, its margins and what the sequence mapped outside the window,
	 * closes the userfaultfd and checks that the map count is back where it started. A sequence
	 * that leaves what cannot be undone (mseal'd VMAs cannot be unmapped; a max_map_count fill;
	 * Committed_AS readings, which want a quiet process) ends its child, and so does a failed
	 * check: the next sequence then starts in a new child. */
	size_t cap = 1 << 20, len = 0; char *in = malloc(cap); size_t n;
	while ((n = fread(in + len, 1, cap - len - 1, stdin)) > 0) { len += n; if (len + 1 >= cap) { cap *= 2; in = realloc(in, cap); } }
	in[len] = 0;
	/* "X headroom" before the first sequence: fill the address space up to headroom slots below
	 * vm.max_map_count once, here, so that every child starts with the filler (a fork copies the
	 * 65,000 VMAs for a quarter to a third of what mapping them costs) and its "N" only tops it up */
	if (in[0] == 'X') {
		long headroom = strtol(in + 1, NULL, 16);
		fill_to(read_max_map_count() - headroom, map_count());
	}
	/* the sequences: [start, end) of each, and whether it must end its child */
	size_t nseq = 0, seqcap = 1024;
	char **starts = malloc(seqcap * sizeof *starts), **ends = malloc(seqcap * sizeof *ends);
	char *sticky = malloc(seqcap);
	for (char *p = in; *p;) {
		if (*p != 'S') { char *nl = strchr(p, '\n'); p = nl ? nl + 1 : p + strlen(p); continue; }
		char *q = strchr(p, '\n'); q = q ? q + 1 : p + strlen(p);
		char *body = q;
		int st = 0;
		while (*q && *q != 'S') {
			if (*q == 'Z' || *q == 'N' || *q == 'C') st = 1;
			char *nl = strchr(q, '\n'); q = nl ? nl + 1 : q + strlen(q);
		}
		if (nseq == seqcap) { seqcap *= 2; starts = realloc(starts, seqcap * sizeof *starts); ends = realloc(ends, seqcap * sizeof *ends); sticky = realloc(sticky, seqcap); }
		starts[nseq] = body; ends[nseq] = q; sticky[nseq] = st; nseq++;
		p = q;
	}
	/* the index of the sequence a child is running, shared so that the parent knows which one crashed */
	volatile long *cur = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (cur == MAP_FAILED) { perror("mmap"); return 2; }
	fflush(stdout);
	size_t next = 0;
	while (next < nseq) {
		*cur = (long)next;
		pid_t pid = fork();
		if (pid == 0) {
			/* (a child that starts with a sequence it cannot undo runs only that one: no count to keep;
			 * after a prefill reading it would mean reading 65,000 lines) */
			long baseline = sticky[next] ? -1 : map_count();
			for (size_t i = next; i < nseq; i++) {
				*cur = (long)i;
				printf("S\n");
				nout = 0;
				for (char *l = starts[i]; l < ends[i];) {
					char line[512]; char *nl = strchr(l, '\n'); size_t ll = nl ? (size_t)(nl - l) : strlen(l);
					if (ll >= sizeof line) ll = sizeof line - 1;
					memcpy(line, l, ll); line[ll] = 0; l = nl ? nl + 1 : l + ll;
					run_line(line);
				}
				fflush(stdout);
				if (sticky[i]) break;
				int clean = !munmap((void *)(base - (64ul << 20)), wsize + (128ul << 20));
				for (int k = 0; k < nout; k++) munmap((void *)out_addr[k], out_len[k]);
				if (nout >= MAXOUT) clean = 0;
				if (uffd >= 0) { close(uffd); uffd = -1; }
				if (!clean || map_count() != baseline) break;
			}
			*cur = *cur + 1;
			_exit(0);
		}
		int st = 0;
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st)) {
			/* the crashed sequence's output was not flushed: it is "S" and the crash */
			printf("S\nCRASH %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1); fflush(stdout);
			*cur = *cur + 1;
		}
		next = (size_t)*cur;
	}
	fflush(stdout);
	unlink(fpath);
	return 0;
}
