/*
 * vmaseq: replay sequences of mmap/munmap/mprotect/mremap/touch on the running kernel, inside a
 * window at a fixed base address, and print after each op the errno, the returned address and the
 * VMAs of the window as /proc/self/maps shows them. Used by kdocs' differential test of the VMA model.
 *
 * usage: vmaseq BASE WINDOW_BYTES FILE_PAGES < ops
 * Input lines (numbers in hex):
 *   S                                      start a sequence (window and earlier out-of-window maps cleared)
 *   M addr len prot flags fileidx off      mmap (fileidx -1 = none; 0 = temp file O_RDWR, 1 = O_RDONLY, 2 = O_WRONLY)
 *   U addr len                             munmap
 *   P addr len prot                        mprotect
 *   R addr oldlen newlen flags newaddr     mremap (raw syscall, 5 arguments)
 *   T addr                                 write one byte (SIGSEGV -> 1011, SIGBUS -> 1007)
 *   F addr len                             userfaultfd register (MISSING)
 * Output: one line per op:  errno ret ;start-end perms offset name;...
 *   ret = hex address if inside the window, OUT if outside, - on error or for ops without one.
 *   name = a (anonymous), f (the temp file), z (shared anon / shmem "/dev/zero"), ? (other)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
#include <unistd.h>

static unsigned long base, wsize;
static int fds[3] = {-1, -1, -1};
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

static void print_window(void) {
	static char buf[1 << 16];
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t n, tot = 0;
	while (fd >= 0 && (n = read(fd, buf + tot, sizeof(buf) - 1 - tot)) > 0) tot += n;
	if (fd >= 0) close(fd);
	buf[tot] = 0;
	char *line = buf;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		if (nl) *nl = 0;
		unsigned long s, e, off; char perms[8]; char dev[32]; unsigned long ino; int pos = 0;
		if (sscanf(line, "%lx-%lx %7s %lx %31s %lu %n", &s, &e, perms, &off, dev, &ino, &pos) >= 6) {
			if (e > base && s < base + wsize) {
				const char *path = line + pos;
				const char *name = "?";
				if (ino == 0 && !*path) name = "a";
				else if (!strcmp(path, fpath)) name = "f";
				else if (!strncmp(path, "/dev/zero", 9) || !strncmp(path, "/SYSV", 5)) name = "z";
				printf(";%lx-%lx %s %lx %s", s, e, perms, off, name);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	printf("\n");
}

static void print_ret(long err, unsigned long ret, int has) {
	if (err || !has) printf("%ld -", err);
	else if (ret >= base && ret < base + wsize) printf("0 %lx", ret);
	else printf("0 OUT");
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
	struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = onsig; sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	char line[512];
	while (fgets(line, sizeof line, stdin)) {
		unsigned long a = 0, b = 0, c = 0, d = 0, e = 0; long fi = -1; long r; long err = 0;
		switch (line[0]) {
		case 'S':
			syscall(SYS_munmap, base, wsize);
			for (int i = 0; i < nout; i++) syscall(SYS_munmap, out_addr[i], out_len[i]);
			nout = 0;
			if (uffd >= 0) { close(uffd); uffd = -1; }
			printf("S\n");
			break;
		case 'M':
			sscanf(line + 1, "%lx %lx %lx %lx %ld %lx", &a, &b, &c, &d, &fi, &e);
			r = syscall(SYS_mmap, a, b, c, d, fi >= 0 && fi < 3 ? fds[fi] : (fi == -1 ? -1 : 1000), e);
			err = r == -1 ? errno : 0;
			if (!err && ((unsigned long)r < base || (unsigned long)r >= base + wsize)) remember_out(r, b);
			print_ret(err, r, 1); print_window();
			break;
		case 'U':
			sscanf(line + 1, "%lx %lx", &a, &b);
			r = syscall(SYS_munmap, a, b); err = r ? errno : 0;
			print_ret(err, 0, 0); print_window();
			break;
		case 'P':
			sscanf(line + 1, "%lx %lx %lx", &a, &b, &c);
			r = syscall(SYS_mprotect, a, b, c); err = r ? errno : 0;
			print_ret(err, 0, 0); print_window();
			break;
		case 'R':
			sscanf(line + 1, "%lx %lx %lx %lx %lx", &a, &b, &c, &d, &e);
			r = syscall(SYS_mremap, a, b, c, d, e);
			err = r == -1 ? errno : 0;
			if (!err && ((unsigned long)r < base || (unsigned long)r >= base + wsize)) remember_out(r, c);
			print_ret(err, r, 1); print_window();
			break;
		case 'T':
			sscanf(line + 1, "%lx", &a);
			sig = 0;
			if (!sigsetjmp(jb, 1)) { *(volatile char *)a = 1; }
			err = sig ? 1000 + sig : 0;
			print_ret(err, 0, 0); print_window();
			break;
		case 'F': {
			sscanf(line + 1, "%lx %lx", &a, &b);
			if (uffd < 0) {
				uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
				if (uffd >= 0) {
					struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_SIGBUS };
					if (ioctl(uffd, UFFDIO_API, &api)) { close(uffd); uffd = -1; }
				}
			}
			if (uffd < 0) err = 1000;
			else {
				struct uffdio_register reg = { .range = { .start = a, .len = b }, .mode = UFFDIO_REGISTER_MODE_MISSING };
				err = ioctl(uffd, UFFDIO_REGISTER, &reg) ? errno : 0;
			}
			print_ret(err, 0, 0); print_window();
			break;
		}
		default:
			break;
		}
	}
	fflush(stdout);
	unlink(fpath);
	return 0;
}
