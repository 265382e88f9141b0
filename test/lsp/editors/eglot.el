;;; eglot.el --- Emacs/eglot end-to-end check of `kdocs lsp' -*- lexical-binding: t -*-
;; Run by test/lsp/editors.test.ts:
;;   KDOCS_NODE=node KDOCS_BIN=bin/kdocs.js KDOCS_ROOT=dir KDOCS_FILE=dir/guide.rst KDOCS_OUT=file \
;;     emacs --batch -Q -l eglot.el
;; Opens the file in rst-mode, starts eglot on it directly (`eglot-ensure' never fires in batch),
;; polls with accept-process-output until flymake shows the diagnostics, applies the preferred
;; quick fix of the first one through `eglot-code-actions', waits for the new diagnostics, and
;; writes what it saw to KDOCS_OUT.
(require 'package)
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(setq package-user-dir (make-temp-file "kdocs-elpa" t))
(package-initialize)
(require 'cl-lib)
(require 'eglot)
(require 'rst)
(require 'flymake)

(defvar kdocs-out (getenv "KDOCS_OUT"))
(defun kdocs-say (s)
  (with-temp-buffer
    (insert s "\n")
    (append-to-file (point-min) (point-max) kdocs-out)))

(defun kdocs-wait (pred secs)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun kdocs-diags ()
  (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(defun kdocs-line-of (d)
  (line-number-at-pos (flymake-diagnostic-beg d)))

(condition-case err
    (progn
      (find-file (getenv "KDOCS_FILE"))
      (rst-mode)
      (let ((root (file-name-as-directory (getenv "KDOCS_ROOT"))))
        (eglot '(rst-mode) (cons 'transient root) 'eglot-lsp-server
               (list (getenv "KDOCS_NODE") (getenv "KDOCS_BIN") "lsp" "--stdio")
               "rst"))
      (unless (kdocs-wait (lambda () (>= (length (flymake-diagnostics)) 3)) 120)
        (kdocs-say "ERROR no diagnostics"))
      (dolist (d (kdocs-diags))
        (kdocs-say (format "DIAG %d %s" (kdocs-line-of d) (flymake-diagnostic-text d))))
      (let ((first (car (kdocs-diags)))
            (last-nonmenu-event 13))
        ;; the prompt picks its default: the server's preferred action
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt _coll &optional _pred _req _init _hist def &rest _) def)))
          (eglot-code-actions (flymake-diagnostic-beg first) (flymake-diagnostic-end first) "quickfix" t))
        (kdocs-say (format "LINE %s" (save-excursion
                                      (goto-char (flymake-diagnostic-beg first))
                                      (buffer-substring (line-beginning-position) (line-end-position)))))
        (unless (kdocs-wait (lambda () (= (length (flymake-diagnostics)) 2)) 120)
          (kdocs-say "ERROR diagnostics not updated"))
        (dolist (d (kdocs-diags))
          (kdocs-say (format "AFTER %d %s" (kdocs-line-of d) (flymake-diagnostic-text d)))))
      (kdocs-say "DONE")
      (ignore-errors (eglot-shutdown (eglot-current-server))))
  (error (kdocs-say (format "ERROR %S" err))))
(kill-emacs 0)
