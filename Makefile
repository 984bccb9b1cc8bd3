# Build the book and its programs:   make
# Run every test:                    make test
#
# The pipeline: chapters/*.nw --notangle--> build/src (#line -> .nw) and tangled/
#               build/src --cc--> build/bin --seeded runs--> build/data
#               build/data + figures/*.gp --gnuplot--> build/fig
#               chapters/*.nw --noweave--> build/tex; + chapters/book.tex --> build/book.pdf

SHELL = /bin/bash

# The seeded runs are independent of one another: run as many at once as
# the machine has processors (make -j1 runs them one at a time).
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)

# The chapters, in the order of the book.
CHAPTERS = \
    chapters/01-reading.nw \
    chapters/02-notation.nw \
    chapters/03-forward.nw \
    chapters/04-loss.nw \
    chapters/05-backprop.nw \
    chapters/06-views.nw \
    chapters/07-implement.nw \
    chapters/08-check.nw \
    chapters/09-descent.nw \
    chapters/10-zeros.nw \
    chapters/11-quadrants.nw \
    chapters/12-classifier.nw \
    chapters/13-clusters.nw \
    chapters/13b-optimisers.nw \
    chapters/14-idx.nw \
    chapters/15-batches.nw \
    chapters/15b-gemm.nw \
    chapters/16-model.nw \
    chapters/17-fashion.nw \
    chapters/18-cartpole.nw \
    chapters/19-actor-critic.nw \
    chapters/20-balance.nw \
    chapters/20b-parallel.nw \
    chapters/21-harness.nw

# Every root chunk: the files of the library and the chapter programs.
PROGRAMS = \
    first-step \
    rng-demo \
    layout \
    forward \
    losses \
    backward \
    views \
    xor \
    check-grad \
    descent \
    zeros \
    quadrants \
    classifier \
    clusters \
    optimisers \
    batch-speed \
    gemm-bench \
    fashion \
    cartpole-demo \
    ac-check \
    balance \
    mpi-fashion
# The library (numerics; tangled/lib), the book's support code (harness,
# toy tasks, cart-pole; tangled/book) and the programs (tangled/programs).
# Under build/src the files lie side by side.
LIB_NAMES  = nnerr runfile rng activation net loss backprop gradcheck \
             data train batch gemm gemm-train model idx
BOOK_NAMES = cli harness toy-tasks blobs clusters-data matrix-form \
             cartpole actor-critic agent
# The ranks of chapter 23 (tangled/mpi), built with mpicc, into
# mpi-fashion alone.
MPI_NAMES  = world
HEADERS  = $(LIB_NAMES:=.h) $(BOOK_NAMES:=.h)
LIB_SRC  = $(LIB_NAMES:=.c) $(BOOK_NAMES:=.c)
ROOTS    = $(addprefix lib/,$(LIB_NAMES:=.h) $(LIB_NAMES:=.c)) lib/gemm-blas.c \
           $(addprefix book/,$(BOOK_NAMES:=.h) $(BOOK_NAMES:=.c)) \
           $(addprefix mpi/,$(MPI_NAMES:=.h) $(MPI_NAMES:=.c)) \
           $(addprefix programs/,$(PROGRAMS:=.c)) Makefile

# The figures: one gnuplot script each, in figures/.
FIGURES = \
    normal-hist \
    network \
    activations \
    forward-slopes \
    loss-error \
    backward-fanout \
    backward-example \
    backward-slow \
    xor-loss \
    xor-map \
    check-h \
    check-time \
    descent-valley \
    descent-valley-loss \
    descent-rates \
    descent-batches \
    descent-init \
    descent-curvature \
    descent-momentum \
    descent-schedules \
    zeros-loss \
    quadrants-regions \
    quadrants-longer \
    boundary \
    classifier-dead \
    clusters-curves \
    clusters-plane \
    clusters-scaling \
    clusters-overfit \
    optimisers-rates \
    optimisers-curves \
    optimisers-decay \
    gemm-roofline \
    optimisers-fits \
    fashion-samples \
    fashion-curves \
    fashion-seeds \
    fashion-overfit \
    fashion-confusion \
    fashion-errors \
    fashion-weights \
    cartpole-diagram \
    cartpole-film \
    balance-lengths \
    balance-trace \
    balance-policy \
    parallel-model

# The Debian packages the build needs (tools/need-packages.sh installs them).
PACKAGES = make gcc libc6-dev noweb gnuplot-nox texlive-latex-base \
           texlive-latex-recommended texlive-fonts-recommended lmodern \
           latexmk poppler-utils zlib1g-dev dataset-fashion-mnist pandoc \
           fonts-dejavu-extra libopenblas-dev openmpi-bin libopenmpi-dev

# The packages the tests of the web edition need besides the build's:
# headless Chromium opens every page and takes the screenshots, a font
# draws their text (Chromium only recommends one, and the packages are
# installed without recommends), and xmllint parses the pages for links.
# epubcheck checks the EPUB.
TEST_PACKAGES = chromium fonts-dejavu-core libxml2-utils epubcheck

CC       = cc
CFLAGS   = -std=c11 -O2 -g -Wall -Wextra -Wpedantic
LDLIBS   = -lm -lz -fopenmp
# The book's GEMM (chapter 17): vectorised for this processor, a
# multiply-add fused, two threads by OpenMP.  The OpenBLAS path, in
# gemm-blas.c, is linked only into the benchmark and the tests.
GEMM_FLAGS = -ftree-vectorize -march=native -ffp-contract=fast \
             -fno-trapping-math -fopenmp
BLAS_LIBS  = -lopenblas
# Open MPI's compiler wrapper (chapter 23): cc with MPI's headers and
# libraries.  mpirun, quiet (-q: no notices of its own when a rank
# fails), as the superuser too (a container's build), and with more ranks
# than processors.
MPICC  = mpicc
MPIRUN = mpirun -q --oversubscribe $(if $(filter 0,$(shell id -u)),--allow-run-as-root)
SANITIZE = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

B = build

.PHONY: all programs tangle book html test clean animation
.DELETE_ON_ERROR:
.SECONDARY:

all: book programs html

# The packages are checked, and installed if missing, when make reads this
# file, before it plans anything: as the recipe of a target that every
# rule waited for, the check held the whole graph up while it ran, and
# make walked the graph again at every turn of its loop, a core busy for
# as long as an installation on a fresh machine takes, and for minutes
# after.  make test also checks the tests' packages (TEST_PACKAGES).
ifneq ($(MAKECMDGOALS),clean)
PACKAGES_MISSING := $(shell tools/need-packages.sh $(PACKAGES) \
  $(if $(filter test,$(MAKECMDGOALS)),$(TEST_PACKAGES)) >&2 || echo missing)
ifneq ($(PACKAGES_MISSING),)
$(error the Debian packages above are missing)
endif
endif

# ---------------------------------------------------------------- tangling
# One stamp for all roots: notangle runs when a chapter changes, and cpif
# leaves every file whose text is unchanged with its old timestamp.
$(B)/tangle.stamp: $(CHAPTERS) tools/tangle.sh tools/mark-chunks.awk Makefile
	@mkdir -p $(B)
	tools/tangle.sh $(B)/src tangled $(ROOTS) -- $(CHAPTERS)
	@touch $@

tangle: $(B)/tangle.stamp

$(addprefix $(B)/src/,$(HEADERS) $(LIB_SRC) gemm-blas.c $(MPI_NAMES:=.h) $(MPI_NAMES:=.c) \
  $(PROGRAMS:=.c)) tangled/Makefile: $(B)/tangle.stamp ;

# ---------------------------------------------------------------- compiling
$(B)/obj/%.o: $(B)/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -I$(B)/src -c -o $@ $<

$(B)/libbackprop.a: $(LIB_SRC:%.c=$(B)/obj/%.o)
	rm -f $@ && ar rcs $@ $^

$(B)/bin/%: $(B)/obj/%.o $(B)/libbackprop.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/obj/gemm.o $(B)/test/lib-gemm.o $(B)/test-san/lib-gemm.o \
$(B)/obj/gemm-train.o $(B)/test/lib-gemm-train.o $(B)/test-san/lib-gemm-train.o: CFLAGS += $(GEMM_FLAGS)
$(B)/obj/gemm-bench.o $(B)/bin-san/gemm-bench: CFLAGS += -fopenmp
$(B)/bin/gemm-bench: $(B)/obj/gemm-blas.o
$(B)/bin-san/gemm-bench: $(B)/test-san/lib-gemm-blas.o
$(B)/bin/gemm-bench $(B)/bin-san/gemm-bench $(B)/test/run $(B)/test-san/run: LDLIBS += $(BLAS_LIBS)

# Chapter 23's program and its ranks, with Open MPI's compiler wrapper.
$(MPI_NAMES:%=$(B)/obj/%.o) $(B)/obj/mpi-fashion.o: $(B)/obj/%.o: $(B)/src/%.c
	@mkdir -p $(@D)
	$(MPICC) $(CFLAGS) -MMD -MP -I$(B)/src -c -o $@ $<
$(B)/bin/mpi-fashion: $(B)/obj/mpi-fashion.o $(MPI_NAMES:%=$(B)/obj/%.o) $(B)/libbackprop.a
	@mkdir -p $(@D)
	$(MPICC) $(CFLAGS) -o $@ $^ $(LDLIBS)

programs: $(PROGRAMS:%=$(B)/bin/%)

-include $(wildcard $(B)/obj/*.d $(B)/test/*.d $(B)/test-san/*.d)

# ---------------------------------------------------------------- runs
# Each run has a fixed seed; it writes the data its figures plot and a file
# of LaTeX macros with the numbers the text quotes (\setrun{key}{value}).
# (Chapter 23's timed runs are at the end of the tests' section, beside
# the benchmark.)
MPI_RANKS = 1 2 4
MPI_STEPS_TEX = $(MPI_RANKS:%=$(B)/data/mpi-fashion-%.tex)
MPI_TEX = $(MPI_STEPS_TEX) $(B)/data/mpi-summary.tex
RUNS = $(B)/data/first-step.tex $(B)/data/rng-demo.tex $(B)/data/layout.tex $(B)/data/forward.tex \
       $(B)/data/losses.tex $(B)/data/views.tex $(B)/data/xor.tex \
       $(B)/data/backward.tex \
       $(B)/data/check-grad.tex $(B)/data/descent.tex $(B)/data/zeros.tex \
       $(B)/data/quadrants.tex \
       $(B)/data/classifier.tex $(B)/data/clusters.tex \
       $(B)/data/optimisers.tex \
       $(B)/data/batch-speed.tex $(B)/data/gemm.tex \
       $(FASHION_TEX) \
       $(B)/data/cartpole-demo.tex $(B)/data/ac-check-runs.tex \
       $(BALANCE_TEX) $(B)/data/balance-compare-runs.tex \
       $(MPI_TEX)

$(B)/data/first-step.tex: $(B)/bin/first-step
	@mkdir -p $(@D)
	$< --seed 2026 --rate 0.1 --tex $@ > /dev/null

$(B)/data/rng-demo.tex $(B)/data/normal-hist.dat &: $(B)/bin/rng-demo
	@mkdir -p $(@D)
	$< --seed 42 --samples 100000 --histogram $(B)/data/normal-hist.dat --tex $(B)/data/rng-demo.tex > /dev/null

$(B)/data/layout.tex $(B)/data/network.dat &: $(B)/bin/layout
	@mkdir -p $(@D)
	$< --sizes 784,100,50,10,5 --tex $(B)/data/layout.tex > /dev/null
	$< --sizes 3,4,2 --diagram $(B)/data/network.dat > /dev/null

$(B)/data/forward.tex $(B)/data/activations.dat $(B)/data/forward-slopes.dat &: $(B)/bin/forward
	@mkdir -p $(@D)
	$< --seed 2026 --curves $(B)/data/activations.dat \
	   --slopes $(B)/data/forward-slopes.dat --tex $(B)/data/forward.tex > /dev/null

$(B)/data/losses.tex $(B)/data/loss-error.dat &: $(B)/bin/losses
	@mkdir -p $(@D)
	$< --seed 2026 --curves $(B)/data/loss-error.dat --tex $(B)/data/losses.tex > /dev/null

BACKWARD_DATA = $(foreach f,example fanout scales,$(B)/data/backward-$(f).dat)
$(B)/data/backward.tex $(BACKWARD_DATA) &: $(B)/bin/backward
	@mkdir -p $(@D)
	$< --seed 2026 --network $(B)/data/backward-example.dat \
	   --fanout $(B)/data/backward-fanout.dat --scales $(B)/data/backward-scales.dat \
	   --tex $(B)/data/backward.tex > /dev/null

$(B)/data/xor.tex $(B)/data/xor-loss.dat $(B)/data/xor-map.dat &: $(B)/bin/xor
	@mkdir -p $(@D)
	$< --seed 2026 --curve $(B)/data/xor-loss.dat --map $(B)/data/xor-map.dat \
	   --tex $(B)/data/xor.tex > /dev/null

$(B)/data/views.tex: $(B)/bin/views
	@mkdir -p $(@D)
	$< --seed 2026 --tex $@ > /dev/null

# check-grad also times the gradients: those numbers change from run to run.
CHECK_TABLES = $(foreach t,nodes gradient fd cs,$(B)/data/check-$(t).tex)
$(B)/data/check-grad.tex $(B)/data/check-h.dat $(B)/data/check-time.dat $(CHECK_TABLES) &: $(B)/bin/check-grad
	@mkdir -p $(@D)
	$< --seed 2026 --errors $(B)/data/check-h.dat \
	   --timing $(B)/data/check-time.dat $(foreach t,nodes gradient fd cs,--$(t) $(B)/data/check-$(t).tex) \
	   --tex $(B)/data/check-grad.tex > /dev/null

DESCENT_DATA = $(foreach f,rates batches init momentum schedules valley curvature,$(B)/data/descent-$(f).dat) \
               $(foreach t,momentum schedules,$(B)/data/descent-$(t)-table.tex)
$(B)/data/descent.tex $(DESCENT_DATA) &: $(B)/bin/descent
	@mkdir -p $(@D)
	$< --seed 2026 --out $(B)/data/descent --tex $(B)/data/descent.tex > /dev/null

$(B)/data/zeros.tex $(B)/data/zeros-loss.dat &: $(B)/bin/zeros
	@mkdir -p $(@D)
	$< --seed 2026 --curve $(B)/data/zeros-loss.dat --tex $(B)/data/zeros.tex > /dev/null

$(B)/data/quadrants.tex $(B)/data/quadrants-regions.dat $(B)/data/quadrants-longer.dat &: $(B)/bin/quadrants
	@mkdir -p $(@D)
	$< --seed 2026 --regions $(B)/data/quadrants-regions.dat \
	   --curves $(B)/data/quadrants-longer.dat \
	   --tex $(B)/data/quadrants.tex > /dev/null

BOUNDARY_DATA = $(B)/data/boundary-grid.dat $(B)/data/boundary-points.dat
CLASSIFIER_DATA = $(BOUNDARY_DATA) $(B)/data/classifier-networks.dat
$(B)/data/classifier.tex $(CLASSIFIER_DATA) &: $(B)/bin/classifier
	@mkdir -p $(@D)
	$< --seed 2026 --grid $(B)/data/boundary-grid.dat \
	   --points $(B)/data/boundary-points.dat \
	   --networks $(B)/data/classifier-networks.dat --tex $(B)/data/classifier.tex > /dev/null

CLUSTERS_DATA = $(B)/data/clusters-curves.dat $(B)/data/clusters-table.tex \
    $(B)/data/clusters-plane.dat $(B)/data/clusters-scaling.dat \
    $(B)/data/clusters-scaling-table.tex $(B)/data/clusters-overfit.dat \
    $(B)/data/clusters-stop-table.tex
$(B)/data/clusters.tex $(CLUSTERS_DATA) &: $(B)/bin/clusters
	@mkdir -p $(@D)
	$< --seed 2026 --curves $(B)/data/clusters-curves.dat \
	   --table $(B)/data/clusters-table.tex \
	   --plane $(B)/data/clusters-plane.dat \
	   --scale-curves $(B)/data/clusters-scaling.dat \
	   --scale-table $(B)/data/clusters-scaling-table.tex \
	   --overfit $(B)/data/clusters-overfit.dat \
	   --stop-table $(B)/data/clusters-stop-table.tex \
	   --tex $(B)/data/clusters.tex > /dev/null

# The step rules compared on four tasks, and weight decay with and
# without the biases (chapter 14).
OPTIMISERS_DATA = $(foreach f,rates curves decay fits,$(B)/data/optimisers-$(f).dat) \
                  $(B)/data/optimisers-table.tex
$(B)/data/optimisers.tex $(OPTIMISERS_DATA) &: $(B)/bin/optimisers
	@mkdir -p $(@D)
	$< --seed 2026 --table $(B)/data/optimisers-table.tex \
	   --rates $(B)/data/optimisers-rates.dat --curves $(B)/data/optimisers-curves.dat \
	   --bias $(B)/data/optimisers-decay.dat --fits $(B)/data/optimisers-fits.dat \
	   --tex $(B)/data/optimisers.tex > /dev/null

# batch-speed times the per-sample and the batched gradient: its numbers
# change from build to build.
$(B)/data/batch-speed.tex: $(B)/bin/batch-speed
	@mkdir -p $(@D)
	$< --seed 2026 --tex $@ > /dev/null

# The runs of chapter 19, on Fashion-MNIST from its Debian package: five
# seeds of the network, each its own target, A also drawing the pictures
# and quoting (its keys are fashion.*); five of the linear softmax; the
# summary of the ten for the table; and a run on 500 images that overfits.
FASHION_RUNS = A B C D E
FASHION_SEED_A = 1
FASHION_SEED_B = 2
FASHION_SEED_C = 3
FASHION_SEED_D = 4
FASHION_SEED_E = 5
FASHION_TEX = $(B)/data/fashion.tex $(B)/data/fashion-summary.tex $(B)/data/fashion-overfit.tex \
              $(B)/data/fashion-clear.tex
FASHION_RESULTS = $(FASHION_RUNS:%=$(B)/data/fashion-result-%.dat) \
                  $(FASHION_RUNS:%=$(B)/data/fashion-linresult-%.dat)
FASHION_PICTURES = $(foreach f,samples confusion weights errors,$(B)/data/fashion-$(f).dat)
fashion_net = $(B)/bin/fashion --threads 1 --seed $(FASHION_SEED_$(1)) \
   --curves $(B)/data/fashion-curves-$(1).dat --result $(B)/data/fashion-result-$(1).dat
$(B)/data/fashion.tex $(B)/data/fashion-curves-A.dat $(B)/data/fashion-result-A.dat \
  $(FASHION_PICTURES) &: $(B)/bin/fashion
	@mkdir -p $(@D)
	$(call fashion_net,A) --pictures $(B)/data/fashion --tex $(B)/data/fashion.tex > /dev/null
$(B)/data/fashion-curves-%.dat $(B)/data/fashion-result-%.dat: $(B)/bin/fashion
	@mkdir -p $(@D)
	$(call fashion_net,$*) > /dev/null
$(B)/data/fashion-lincurves-%.dat $(B)/data/fashion-linresult-%.dat: $(B)/bin/fashion
	@mkdir -p $(@D)
	$< --threads 1 --hidden 0 --seed $(FASHION_SEED_$*) --curves $(B)/data/fashion-lincurves-$*.dat \
	   --result $(B)/data/fashion-linresult-$*.dat > /dev/null
comma = ,
empty =
space = $(empty) $(empty)
$(B)/data/fashion-summary.tex $(B)/data/fashion-table.tex &: $(FASHION_RESULTS) $(B)/bin/fashion
	@mkdir -p $(@D)
	$(B)/bin/fashion --summarize $(subst $(space),$(comma),$(strip $(FASHION_RESULTS))) \
	   --table $(B)/data/fashion-table.tex --tag fashionSum --tex $(B)/data/fashion-summary.tex
$(B)/data/fashion-clear.tex: $(B)/bin/fashion
	@mkdir -p $(@D)
	$< --threads 1 --seed $(FASHION_SEED_A) --clear --tag fashionClear --tex $@ > /dev/null
$(B)/data/fashion-overfit.tex $(B)/data/fashion-overfit.dat &: $(B)/bin/fashion
	@mkdir -p $(@D)
	$< --threads 1 --seed 1 --subset 500 --epochs 60 --validation 2000 \
	   --curves $(B)/data/fashion-overfit.dat --tag fashionSub --tex $(B)/data/fashion-overfit.tex > /dev/null

# The cart-pole (chapters 20 to 22): fixed rules, the gradient checks of
# the two networks, five training runs and the comparison of variants.
$(B)/data/cartpole-demo.tex $(B)/data/cartpole-rules.tex $(B)/data/cartpole-diagram.dat &: $(B)/bin/cartpole-demo
	@mkdir -p $(@D)
	$< --seed 2026 --table $(B)/data/cartpole-rules.tex --diagram $(B)/data/cartpole-diagram.dat \
	   --tex $(B)/data/cartpole-demo.tex > /dev/null

$(B)/data/ac-check.tex $(B)/data/ac-check-runs.tex &: $(B)/bin/ac-check
	@mkdir -p $(@D)
	$< --seed 2026 --table $(B)/data/ac-check.tex --tex $(B)/data/ac-check-runs.tex > /dev/null

BALANCE_RUNS = A B C D E
BALANCE_SEED_A = 1
BALANCE_SEED_B = 2
BALANCE_SEED_C = 3
BALANCE_SEED_D = 4
BALANCE_SEED_E = 5
BALANCE_TEX = $(BALANCE_RUNS:%=$(B)/data/balance-%.tex)
$(B)/data/balance-%.tex $(B)/data/balance-lengths-%.dat $(B)/data/balance-film-%.dat \
$(B)/data/balance-episode-%.dat $(B)/data/balance-policy-%.dat: $(B)/bin/balance
	@mkdir -p $(@D)
	$< --seed $(BALANCE_SEED_$*) --episodes 1000 \
	   --lengths $(B)/data/balance-lengths-$*.dat --film $(B)/data/balance-film-$*.dat \
	   --episode $(B)/data/balance-episode-$*.dat --policy $(B)/data/balance-policy-$*.dat \
	   --tag balance$* --tex $(B)/data/balance-$*.tex > /dev/null

$(B)/data/balance-lengths.dat: $(BALANCE_RUNS:%=$(B)/data/balance-lengths-%.dat)
	paste -d ' ' $^ > $@

$(B)/data/balance-compare-runs.tex $(B)/data/balance-compare.tex &: $(B)/bin/balance
	@mkdir -p $(@D)
	$< --seed 1 --seeds 10 --episodes 1000 --compare $(B)/data/balance-compare.tex \
	   --tag balanceCmp --tex $(B)/data/balance-compare-runs.tex > /dev/null

# The animation of one seed's episodes, before and after training, by
# gnuplot's animated-GIF terminal from the states balance --episode writes:
#   make animation SEED=3   gives build/cartpole-3.gif, build/cartpole-3-before.gif
# Not part of make: a run of balance and two GIFs, a few seconds.
SEED = 1
ANIMATION = $(B)/cartpole-$(SEED).gif $(B)/cartpole-$(SEED)-before.gif
animation: $(ANIMATION)
	@ls -l $(ANIMATION)

$(B)/anim/episode-%.dat: $(B)/bin/balance
	@mkdir -p $(@D)
	$< --seed $* --episodes 1000 --episode $@ > /dev/null

$(B)/cartpole-%-before.gif: $(B)/anim/episode-%.dat figures/cartpole-anim.gp
	gnuplot -e "f = '$<'; block = 0; out = '$@'" figures/cartpole-anim.gp

$(B)/cartpole-%.gif: $(B)/anim/episode-%.dat figures/cartpole-anim.gp
	gnuplot -e "f = '$<'; block = 1; out = '$@'" figures/cartpole-anim.gp

$(B)/tex/runs.tex: $(RUNS)
	@mkdir -p $(@D)
	cat $^ > $@

# The sentences that depend on a run: every claim a chapter states must be
# checked by a run and hold (tools/check-claims.sh stops the build, naming
# the claim, if not); the rows of the book's table of claims.
$(B)/tex/claims.tex: $(RUNS) $(CHAPTERS) tools/check-claims.sh
	@mkdir -p $(@D)
	tools/check-claims.sh $(RUNS) -- $(CHAPTERS) > $@

# gemm-bench (chapter 17) measures the machine's peak and bandwidth and
# times an epoch of Fashion-MNIST on every path, NumPy and PyTorch beside
# them (tools/bench-python.sh; "absent" where they are not installed).
# It runs after every other run (chapter 23's timed runs just before
# it), so that no other run competes with it for the processors: its
# rules come after all of RUNS is defined, as a prerequisite list is
# expanded where make reads it.  make bench runs it
# again and prints the table; the next make prints that run in the book.
FASHION_DATA = /usr/share/datasets/fashion-mnist
GEMM_OUT = $(B)/data/gemm.tex $(B)/data/gemm-table.tex $(B)/data/gemm-roofline.dat
OTHER_RUNS = $(filter-out $(B)/data/gemm.tex $(MPI_TEX),$(RUNS))
$(B)/data/gemm-python.dat: tools/bench-python.sh tools/bench-python.py | $(OTHER_RUNS) $(MPI_STEPS_TEX)
	tools/bench-python.sh $(FASHION_DATA) 3 > $@.new && mv $@.new $@
# The rule that runs it is at the end of the tests' section, where every
# program it must wait for is defined.

.PHONY: bench
bench: $(B)/bin/gemm-bench
	tools/bench-python.sh $(FASHION_DATA) 5 > $(B)/data/gemm-python.dat.new
	mv $(B)/data/gemm-python.dat.new $(B)/data/gemm-python.dat
	$< --python $(B)/data/gemm-python.dat --table $(B)/data/gemm-table.tex \
	   --roofline $(B)/data/gemm-roofline.dat --tex $(B)/data/gemm.tex

# Chapter 23's summary of its runs (the runs themselves, which time their
# steps, are at the end of the tests' section, beside the benchmark): it
# compares the models and writes the table and the model's curves.
$(B)/data/mpi-summary.tex $(B)/data/mpi-table.tex $(B)/data/parallel-model.dat &: \
  $(MPI_STEPS_TEX) $(B)/bin/mpi-fashion
	$(B)/bin/mpi-fashion --summarize $(subst $(space),$(comma),$(MPI_RANKS:%=$(B)/data/mpi-result-%.dat)) \
	   --models $(subst $(space),$(comma),$(MPI_RANKS:%=$(B)/data/mpi-%.model)) \
	   --table $(B)/data/mpi-table.tex --figure $(B)/data/parallel-model.dat \
	   --tag mpiSum --tex $(B)/data/mpi-summary.tex

# ---------------------------------------------------------------- figures
# The scripts set no terminal: the book's figures use cairolatex, whose
# labels LaTeX typesets in the book's own fonts.  The web edition's SVGs
# are made from this same output (tools/web/figures.sh), so that their
# labels are LaTeX's too; gnuplot's svg terminal would set them in a font
# of the browser's.
FIGTERM = cairolatex pdf
FIGSIZE = 12cm,7cm
FIGSIZE_activations = 15cm,7cm
FIGSIZE_forward-slopes = 12cm,6.5cm
FIGSIZE_normal-hist = 11cm,6cm
FIGSIZE_network = 12cm,7.8cm
FIGSIZE_loss-error = 15cm,6.5cm
FIGSIZE_backward-fanout = 10cm,6cm
FIGSIZE_backward-example = 14cm,8.5cm
FIGSIZE_backward-slow = 12cm,7cm
FIGSIZE_xor-loss = 11cm,6cm
FIGSIZE_xor-map = 10cm,8cm
FIGSIZE_descent-valley = 13cm,6cm
FIGSIZE_descent-valley-loss = 12cm,6cm
FIGSIZE_descent-rates = 14cm,6.5cm
FIGSIZE_descent-batches = 12cm,6.5cm
FIGSIZE_descent-init = 12cm,6.5cm
FIGSIZE_descent-curvature = 12cm,7.5cm
FIGSIZE_descent-momentum = 12cm,6.5cm
FIGSIZE_descent-schedules = 15cm,6.5cm
FIGSIZE_check-h = 15cm,7.5cm
FIGSIZE_check-time = 12cm,7.5cm
FIGSIZE_gemm-roofline = 12cm,9.5cm
FIGSIZE_parallel-model = 15cm,7cm
FIGSIZE_zeros-loss = 11cm,5.8cm
FIGSIZE_quadrants-regions = 15cm,5.6cm
FIGSIZE_quadrants-longer = 12cm,6cm
FIGSIZE_boundary = 13cm,8.5cm
FIGSIZE_classifier-dead = 12cm,6.5cm
FIGSIZE_clusters-curves = 15cm,6.5cm
FIGSIZE_clusters-plane = 12cm,8cm
FIGSIZE_clusters-scaling = 12cm,6.5cm
FIGSIZE_clusters-overfit = 12cm,6.5cm
FIGSIZE_optimisers-rates = 15cm,10cm
FIGSIZE_optimisers-curves = 12cm,6.5cm
FIGSIZE_optimisers-decay = 12cm,6.5cm
FIGSIZE_optimisers-fits = 12cm,6.5cm
FIGSIZE_fashion-samples = 15cm,7.5cm
FIGSIZE_fashion-curves = 15cm,6cm
FIGSIZE_fashion-seeds = 12cm,6.5cm
FIGSIZE_fashion-overfit = 15cm,6cm
FIGSIZE_fashion-confusion = 11cm,10cm
FIGSIZE_fashion-errors = 15cm,7.5cm
FIGSIZE_fashion-weights = 15cm,8cm
FIGSIZE_balance-lengths = 12cm,6.5cm
FIGSIZE_cartpole-film = 14cm,10cm
FIGSIZE_cartpole-diagram = 12cm,4.45cm
FIGSIZE_balance-trace = 13cm,8cm
FIGSIZE_balance-policy = 12cm,7.5cm

$(B)/fig/normal-hist.tex: $(B)/data/normal-hist.dat
$(B)/fig/activations.tex: $(B)/data/activations.dat
$(B)/fig/forward-slopes.tex: $(B)/data/forward-slopes.dat
$(B)/fig/network.tex: $(B)/data/network.dat
$(B)/fig/loss-error.tex: $(B)/data/loss-error.dat
$(B)/fig/backward-fanout.tex: $(B)/data/backward-fanout.dat
$(B)/fig/backward-example.tex: $(B)/data/backward-example.dat
$(B)/fig/backward-slow.tex: $(B)/data/backward-scales.dat
$(B)/fig/xor-loss.tex: $(B)/data/xor-loss.dat
$(B)/fig/xor-map.tex: $(B)/data/xor-map.dat
$(B)/fig/check-h.tex: $(B)/data/check-h.dat
$(B)/fig/check-time.tex: $(B)/data/check-time.dat

$(B)/fig/descent-valley.tex: $(B)/data/descent-valley.dat
$(B)/fig/descent-valley-loss.tex: $(B)/data/descent-valley.dat
$(B)/fig/descent-rates.tex: $(B)/data/descent-rates.dat
$(B)/fig/descent-batches.tex: $(B)/data/descent-batches.dat
$(B)/fig/descent-init.tex: $(B)/data/descent-init.dat
$(B)/fig/descent-curvature.tex: $(B)/data/descent-curvature.dat
$(B)/fig/descent-momentum.tex: $(B)/data/descent-momentum.dat
$(B)/fig/descent-schedules.tex: $(B)/data/descent-schedules.dat
$(B)/fig/zeros-loss.tex: $(B)/data/zeros-loss.dat
$(B)/fig/quadrants-regions.tex: $(B)/data/quadrants-regions.dat
$(B)/fig/quadrants-longer.tex: $(B)/data/quadrants-longer.dat
$(B)/fig/boundary.tex: $(BOUNDARY_DATA)
$(B)/fig/classifier-dead.tex: $(B)/data/classifier-networks.dat
$(B)/fig/clusters-curves.tex: $(B)/data/clusters-curves.dat
$(B)/fig/clusters-plane.tex: $(B)/data/clusters-plane.dat
$(B)/fig/clusters-scaling.tex: $(B)/data/clusters-scaling.dat
$(B)/fig/clusters-overfit.tex: $(B)/data/clusters-overfit.dat
$(B)/fig/optimisers-rates.tex: $(B)/data/optimisers-rates.dat
$(B)/fig/optimisers-curves.tex: $(B)/data/optimisers-curves.dat
$(B)/fig/optimisers-decay.tex: $(B)/data/optimisers-decay.dat
$(B)/fig/optimisers-fits.tex: $(B)/data/optimisers-fits.dat

$(B)/fig/fashion-samples.tex: $(B)/data/fashion-samples.dat
$(B)/fig/fashion-curves.tex: $(B)/data/fashion-curves-A.dat
$(B)/fig/fashion-seeds.tex: $(FASHION_RUNS:%=$(B)/data/fashion-curves-%.dat) \
                            $(FASHION_RUNS:%=$(B)/data/fashion-lincurves-%.dat)
$(B)/fig/fashion-overfit.tex: $(B)/data/fashion-overfit.dat
$(B)/fig/fashion-confusion.tex: $(B)/data/fashion-confusion.dat
$(B)/fig/fashion-errors.tex: $(B)/data/fashion-errors.dat
$(B)/fig/fashion-weights.tex: $(B)/data/fashion-weights.dat
$(B)/fig/balance-lengths.tex: $(B)/data/balance-lengths.dat
$(B)/fig/gemm-roofline.tex: $(B)/data/gemm-roofline.dat
$(B)/fig/parallel-model.tex: $(B)/data/parallel-model.dat
$(B)/fig/cartpole-film.tex: $(B)/data/balance-film-A.dat
$(B)/fig/cartpole-diagram.tex: $(B)/data/cartpole-diagram.dat
$(B)/fig/balance-trace.tex: $(B)/data/balance-episode-A.dat
$(B)/fig/balance-policy.tex: $(B)/data/balance-policy-A.dat $(B)/data/balance-episode-A.dat

$(B)/fig/%.tex: figures/%.gp
	@mkdir -p $(@D)
	gnuplot -e "set terminal $(FIGTERM) size $(or $(FIGSIZE_$*),$(FIGSIZE)); \
	            set output '$@'; data = '$(B)/data'" $<

# ---------------------------------------------------------------- the book
# One weave over all chapters, so chunk names, cross-references and the
# identifier index span the whole book.  It is noweave -n -index with the
# book's own identifier finder, tools/nwindex.c, in place of noweb's
# -autodefs c and finduses: a C tokenizer that sees no identifier in a
# comment, a string, a character constant or an #include line, indexes a
# static name once per program, and keeps local variables out of the
# index.  tools/sort-index.awk puts both indexes in alphabetical order;
# tools/mark-lines.awk marks each code line, for the layout of chunks.
$(B)/tools/nwindex: tools/nwindex.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Werror -o $@ $<

$(B)/tex/chapters.tex: $(CHAPTERS) $(B)/tools/nwindex tools/sort-index.awk tools/mark-lines.awk
	@mkdir -p $(@D)
	set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	$$lib/markup $(CHAPTERS) | $(B)/tools/nwindex | $$lib/noidx | $$lib/totex \
	  | awk -f tools/sort-index.awk > $@.woven
	awk -f tools/mark-lines.awk $@.woven > $@

$(B)/book.pdf: chapters/book.tex $(B)/tex/chapters.tex $(B)/tex/runs.tex $(B)/tex/claims.tex \
               $(FIGURES:%=$(B)/fig/%.tex)
	latexmk -pdf -silent -interaction=nonstopmode -halt-on-error \
	        -outdir=$(B) -jobname=book chapters/book.tex > $(B)/latexmk.out 2>&1 \
	  || { tail -n 40 $(B)/latexmk.out; exit 1; }
	@touch $@

# The layout of the book: no float inside a chunk, no short chunk split,
# no long one split near an end, no footer away from its chunk, no page
# nearly empty.  The counts go to $(B)/layout-counts.txt; a count that is
# not zero stops the build, naming the pages (the PDF stays, to look at).
$(B)/layout-counts.txt: $(B)/book.pdf tools/check-layout.sh
	tools/check-layout.sh $(B)/book.lay > $@.new || { cat $@.new; rm -f $@.new; exit 1; }
	@mv $@.new $@ && cat $@

book: $(B)/book.pdf $(B)/layout-counts.txt

# ---------------------------------------------------------------- the web edition
# The same book as HTML, from the same sources: noweb's markup stream of
# all chapters (the stream the PDF's weave reads) goes through the book's
# back end, tools/web/nw2pandoc.awk, into LaTeX that pandoc reads; the
# filter tools/web/book.lua numbers what LaTeX numbers, writes the code
# chunks from the markup stream and splits the book into pages.  It
# reads the PDF's book.aux for the chunk tags (41a), so that both
# editions name a chunk alike.  The pages are written into $(WEB)/pages
# and copied into $(HTML) only when every one was made.
WEB  = $(B)/web
HTML = $(B)/html
WEB_TOOLS = tools/web/book.lua tools/web/chunks.lua tools/web/extras.lua tools/web/page.html
# A warning of pandoc's (math it cannot convert, say) stops the build.
PANDOC_STRICT = --fail-if-warnings
WEB_FILES = tools/web/book.css tools/web/book.js
# The math font the pages and the EPUB carry with them, for a reader
# whose system has none (Chromium then draws a box for an italic delta):
# DejaVu Math TeX Gyre, from fonts-dejavu-extra, free to redistribute.
MATH_FONT = /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf

# (markup -t keeps tabs, as tools/tangle.sh does for the Makefile: its
# recipes must start with one, on the page and in what a reader copies.)
$(WEB)/book.mk: $(CHAPTERS) $(B)/tools/nwindex
	@mkdir -p $(@D)
	set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	$$lib/markup -t $(CHAPTERS) | $(B)/tools/nwindex | $$lib/noidx > $@.new
	@mv $@.new $@

$(WEB)/book.tex: $(WEB)/book.mk chapters/book.tex $(B)/tex/runs.tex $(B)/tex/claims.tex \
                 tools/web/nw2pandoc.awk
	rm -rf $(WEB)/figsrc && mkdir -p $(WEB)/figsrc
	awk -v markup=$(WEB)/book.mk -v runs=$(B)/tex/runs.tex -v figdir=$(WEB)/figsrc \
	    -f tools/web/nw2pandoc.awk chapters/book.tex > $@.new
	@mv $@.new $@

# $(call web-pages,DIR,AUX,OPTIONS): DIR/pages from DIR/book.tex and
# DIR/book.mk, with the chunk tags and PDF pages of AUX.
define web-pages
rm -rf $(1)/pages && mkdir -p $(1)/pages
pandoc -f latex -t html5 --mathml $(PANDOC_STRICT) --lua-filter tools/web/book.lua \
    -M nw-mode=html -M nw-markup=$(1)/book.mk -M nw-aux=$(2) \
    -M nw-outdir=$(1)/pages -M nw-template=tools/web/page.html $(3) \
    -o /dev/null $(1)/book.tex
endef

$(WEB)/pages.stamp: $(WEB)/book.tex $(WEB)/book.mk $(B)/book.pdf $(WEB_TOOLS)
	$(call web-pages,$(WEB),$(B)/book.aux)
	@touch $@

# The web edition's figures.  Every figure of the book as a picture of its
# own, named by its label (fig-normal-hist): tools/web/figures.sh sets
# each drawing the back end wrote into $(WEB)/figsrc with the book's
# preamble and labels (book.aux), on a page of its size, and pdftocairo
# makes the SVG, the labels in the book's fonts.  $(B)/figures holds the
# PDF and the SVG of each (for slides); the pages show the SVGs, from
# $(HTML)/fig.  After the stills of the cart-pole (figure
# fig:cartpole-film, from balance's run A) the pages show the same run's
# episodes before and after training as animated GIFs (extras.lua).
STANDALONE = $(B)/figures
$(WEB)/figures.stamp: $(WEB)/book.tex $(B)/book.pdf chapters/book.tex tools/web/figures.sh
	tools/web/figures.sh chapters/book.tex $(B)/book.aux $(WEB)/figsrc $(WEB)/figwork $(STANDALONE)
	mkdir -p $(HTML)/fig && rm -f $(HTML)/fig/*.svg && cp $(STANDALONE)/*.svg $(HTML)/fig/
	@touch $@

CARTPOLE_BLOCK_before = 0
CARTPOLE_BLOCK_after = 1
WEB_ANIMATIONS = $(HTML)/fig/cartpole-before.gif $(HTML)/fig/cartpole-after.gif
$(WEB_ANIMATIONS): $(HTML)/fig/cartpole-%.gif: $(B)/data/balance-episode-A.dat \
                   figures/cartpole-anim.gp tools/web/animation.sh
	@mkdir -p $(@D)
	tools/web/animation.sh $< $(CARTPOLE_BLOCK_$*) $@

$(HTML)/index.html: $(WEB)/pages.stamp $(WEB_FILES) $(B)/book.pdf \
                    $(WEB)/figures.stamp $(WEB_ANIMATIONS)
	@mkdir -p $(@D)
	cp $(WEB)/pages/*.html $(WEB_FILES) $(HTML)/
	mkdir -p $(HTML)/fonts && cp $(MATH_FONT) $(HTML)/fonts/
	cp $(B)/book.pdf $(HTML)/book.pdf
	@touch $@

html: $(HTML)/index.html

# The EPUB 3: the same book.tex through the same filter, in its mode
# "epub", which returns the whole book, numbered and linked, to pandoc's
# EPUB writer.  The writer makes a file per chapter, appendix,
# bibliography and index (--epub-chapter-level=1), the contents of
# chapters and their sections (--toc-depth=2) and the title page, and
# points each link into its file; the math is MathML, the figures the
# web edition's SVGs (--resource-path), the style tools/web/epub.css.
# The identifier is the book's, the same in every build, so that a
# reading system takes a new build for a new version of the same book.
# Written under another name and moved: a failed run leaves no half-made
# EPUB.
# tests/web/epubcheck.sh checks it with epubcheck, one of the test
# packages.
EPUB_ID      = urn:uuid:80c134ba-c226-4427-8047-9295a66edaa7
# Its figures are the pages' (--resource-path): the EPUB is made after
# the pages, which are copied only when their figures are made.
EPUB_FIGURES = $(HTML)/index.html

$(HTML)/book.epub: $(WEB)/book.tex $(WEB)/book.mk $(B)/book.pdf $(WEB_TOOLS) \
                   tools/web/epub.css chapters/book.tex $(EPUB_FIGURES)
	@mkdir -p $(@D)
	@rm -f $@.new
	pandoc -f latex -t epub3 --mathml $(PANDOC_STRICT) --lua-filter tools/web/book.lua \
	    -M nw-mode=epub -M nw-markup=$(WEB)/book.mk -M nw-aux=$(B)/book.aux \
	    --epub-chapter-level=1 --toc-depth=2 --css=tools/web/epub.css \
	    --epub-embed-font=$(MATH_FONT) \
	    --resource-path=$(HTML) -M lang=en -M identifier=$(EPUB_ID) \
	    -M author="$$(sed -n 's/^\\author{\(.*\)}$$/\1/p' chapters/book.tex)" \
	    -M date=$$(date -u +%Y-%m-%d) \
	    -o $@.new $(WEB)/book.tex || { rm -f $@.new; exit 1; }
	@mv $@.new $@

html: $(HTML)/book.epub

# ---------------------------------------------------------------- the teacher's edition
# make teacher: the book with the teacher's guide before chapter 1, the
# solutions of each chapter's exercises after them, and the lab handouts
# as an appendix, from teacher/*.nw and labs/*.nw; build/teacher.pdf.
# teacher/NAME.nw answers the exercises of chapters/NAME.nw.  A solution
# in code is a root chunk <<solutions/PROG.c>> of those files: notangle
# writes it from the teacher's files and the chapters (so it may use the
# book's chunks), it is built against the library, and its run, with its
# defaults, writes the numbers its solution quotes (\run{PROG.key}) into
# build/solutions/data/PROG.tex.
TEACHER = $(B)/teacher
SOLUTIONS = $(filter-out teacher/guide.nw,$(wildcard teacher/*.nw))
TEACHER_WEAVE = teacher/guide.nw \
    $(foreach c,$(CHAPTERS),$(c) $(filter teacher/$(notdir $(c)),$(SOLUTIONS)))
SOLUTION_PROGRAMS = $(shell sed -n 's|^<<solutions/\([A-Za-z0-9_-]*\)\.c>>=$$|\1|p' \
                      $(SOLUTIONS) /dev/null | sort -u)
SOLUTION_RUNS = $(SOLUTION_PROGRAMS:%=$(B)/solutions/data/%.tex)
LAB_FILES = $(wildcard labs/*.nw)
# The handouts in the order of the book's chapters (3, 4, 7, 9, 14, 15,
# 16, 20); a lab not named here follows them.
LAB_ORDER = tanh-derivative stable-softmax output-error delta-recurrence \
            gradient-bias momentum adam idx-header batched-product actor-error
LAB_WEAVE = $(filter $(LAB_FILES),$(LAB_ORDER:%=labs/%.nw)) \
            $(filter-out $(LAB_ORDER:%=labs/%.nw),$(LAB_FILES))

.PHONY: teacher
teacher: $(B)/teacher.pdf $(B)/teacher-layout.txt

$(B)/solutions/tangle.stamp: $(CHAPTERS) $(SOLUTIONS)
	@mkdir -p $(B)/solutions/src
	for p in $(SOLUTION_PROGRAMS); do \
	  notangle -L -Rsolutions/$$p.c $(CHAPTERS) $(SOLUTIONS) > $(B)/solutions/src/$$p.c.new \
	    && cpif $(B)/solutions/src/$$p.c < $(B)/solutions/src/$$p.c.new || exit 1; \
	  rm -f $(B)/solutions/src/$$p.c.new; \
	done
	@touch $@

$(B)/solutions/src/%.c: $(B)/solutions/tangle.stamp ;

$(B)/solutions/bin/%: $(B)/solutions/src/%.c $(B)/libbackprop.a $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Werror -I$(B)/src -o $@ $< $(B)/libbackprop.a $(LDLIBS)

# A solution's run: the program with its defaults; what it prints goes
# beside its macros, for the teacher to read.
$(B)/solutions/data/%.tex: $(B)/solutions/bin/% | $(GEMM_OUT)
	@mkdir -p $(@D)
	$< --tex $@ > $(B)/solutions/data/$*.out

$(TEACHER)/runs.tex: $(RUNS) $(SOLUTION_RUNS)
	@mkdir -p $(@D)
	cat $^ > $@

$(TEACHER)/claims.tex: $(RUNS) $(SOLUTION_RUNS) $(CHAPTERS) $(SOLUTIONS) tools/check-claims.sh
	@mkdir -p $(@D)
	tools/check-claims.sh $(RUNS) $(SOLUTION_RUNS) -- $(CHAPTERS) $(SOLUTIONS) > $@

$(TEACHER)/chapters.tex: $(TEACHER_WEAVE) $(B)/tools/nwindex tools/sort-index.awk tools/mark-lines.awk
	@mkdir -p $(@D)
	set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	$$lib/markup $(TEACHER_WEAVE) | $(B)/tools/nwindex | $$lib/noidx | $$lib/totex \
	  | awk -f tools/sort-index.awk > $@.woven
	awk -f tools/mark-lines.awk $@.woven > $@

# The lab handouts, an appendix: teacher/labs.tex, then each lab file
# woven on its own (its chunk has the name of one of the book's, which a
# common weave would take for a continuation of the book's chunk), on a
# new page (\newhandout).
$(TEACHER)/labs.tex: teacher/labs.tex $(LAB_FILES) tools/mark-lines.awk
	@mkdir -p $(@D)
	set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	{ cat teacher/labs.tex; \
	  n=100000; for f in $(LAB_WEAVE); do \
	    echo '\newhandout'; n=$$((n + 1000)); \
	    $$lib/markup $$f | $$lib/totex | awk -v first=$$n -f tools/mark-lines.awk || exit 1; \
	  done; } > $@.new
	@mv $@.new $@

$(B)/teacher.pdf: teacher/teacher.tex chapters/book.tex $(TEACHER)/chapters.tex $(TEACHER)/runs.tex \
                  $(TEACHER)/claims.tex $(TEACHER)/labs.tex $(FIGURES:%=$(B)/fig/%.tex)
	latexmk -pdf -silent -interaction=nonstopmode -halt-on-error \
	        -outdir=$(B) -jobname=teacher teacher/teacher.tex > $(B)/teacher-latexmk.out 2>&1 \
	  || { tail -n 40 $(B)/teacher-latexmk.out; exit 1; }
	@touch $@

# The teacher's edition on the web, build/teacher-html: the web edition's
# pipeline over the teacher's weave, runs and aux, with the lab handouts'
# chunks shown as text; the figures are the book's.  No EPUB.
TWEB  = $(TEACHER)/web
THTML = $(B)/teacher-html
teacher: $(THTML)/index.html

$(TWEB)/book.mk: $(TEACHER_WEAVE) $(B)/tools/nwindex
	@mkdir -p $(@D)
	set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	$$lib/markup -t $(TEACHER_WEAVE) | $(B)/tools/nwindex | $$lib/noidx > $@.new
	@mv $@.new $@

$(TWEB)/labs.mk: $(LAB_FILES)
	@mkdir -p $(@D)
	lib=$$(sed -n 's/^LIB=//p' "$$(command -v noweave)"); \
	$$lib/markup -t $(LAB_WEAVE) /dev/null > $@.new
	@mv $@.new $@

$(TWEB)/book.tex: $(TWEB)/book.mk $(TWEB)/labs.mk teacher/labs.tex chapters/book.tex \
                  $(TEACHER)/runs.tex $(TEACHER)/claims.tex tools/web/nw2pandoc.awk
	rm -rf $(TWEB)/figsrc && mkdir -p $(TWEB)/figsrc
	awk -v markup=$(TWEB)/book.mk -v runs=$(TEACHER)/runs.tex -v figdir=$(TWEB)/figsrc \
	    -v woven=$(TEACHER) -v labs=$(TWEB)/labs.mk -v labintro=teacher/labs.tex \
	    -v edition="Teacher's edition" -f tools/web/nw2pandoc.awk chapters/book.tex > $@.new
	@mv $@.new $@

$(TWEB)/pages.stamp: $(TWEB)/book.tex $(TWEB)/book.mk $(B)/teacher.pdf $(WEB_TOOLS)
	$(call web-pages,$(TWEB),$(B)/teacher.aux,-M nw-pdf=teacher.pdf -M nw-epub=none)
	@touch $@

$(THTML)/index.html: $(TWEB)/pages.stamp $(WEB_FILES) $(B)/teacher.pdf $(HTML)/index.html
	rm -rf $(THTML) && mkdir -p $(THTML)/fonts
	cp $(TWEB)/pages/*.html $(WEB_FILES) $(THTML)/
	cp -r $(HTML)/fig $(THTML)/fig && cp $(MATH_FONT) $(THTML)/fonts/
	cp $(B)/teacher.pdf $(THTML)/teacher.pdf
	@touch $@

# The solution programs once more, with the sanitizers, for make test.
$(B)/solutions/bin-san/%: $(B)/solutions/src/%.c $(LIB_SRC:%.c=$(B)/test-san/lib-%.o)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANITIZE) -Werror -I$(B)/src -o $@ $^ $(LDLIBS)

$(B)/teacher-layout.txt: $(B)/teacher.pdf tools/check-layout.sh
	tools/check-layout.sh $(B)/teacher.lay > $@.new || { cat $@.new; rm -f $@.new; exit 1; }
	@mv $@.new $@ && cat $@

# ---------------------------------------------------------------- labs
# A lab, labs/NAME.nw, is a handout and a starting file: its code chunks
# carry the names of the book's chunks the reader writes.
#   make lab NAME=lab FILE=answer.nw
# tangles the library from the chapters with answer.nw's chunks in place
# of the book's (tools/replace-chunk.awk; #line directives point into
# answer.nw), builds it with the graders labs/grade*.c under
# AddressSanitizer and UBSan into build/lab/mine/NAME, and runs
# `grade NAME`, which says in the book's terms what is right and what is
# wrong; the exit status is 0 only if every check passed.  Without FILE
# it grades the book's own chunks.  make test builds by the same rule the
# book (build/lab/book), each lab's starting file (build/lab/start/NAME)
# and each planted bug tests/labs/NAME/BUG.nw (build/lab/bug/NAME/BUG);
# a build compiles only the files that differ from the book's and links
# the book's objects for the rest.
LABS = $(patsubst labs/%.nw,%,$(LAB_FILES))
LAB_BUGS = $(wildcard tests/labs/*/*.nw)
GRADER_SRC = $(wildcard labs/grade*.c)
LAB_GRADERS = $(B)/lab/book/grade $(LABS:%=$(B)/lab/start/%/grade) \
              $(LAB_BUGS:tests/labs/%.nw=$(B)/lab/bug/%/grade)
LAB_CC = $(CC) -std=c11 -Wall -Wextra -Wpedantic $(SANITIZE)
# The sanitizers end a run with status 3, a failed check with 1.
LAB_ENV = ASAN_OPTIONS=detect_leaks=0:exitcode=3 \
          UBSAN_OPTIONS=exitcode=3:print_stacktrace=1

# The lab file of the build directory $(B)/lab/$(1): none for the book.
lab-file = $(patsubst start/%,labs/%.nw,$(filter start/%,$(1)))$(patsubst \
             bug/%,tests/labs/%.nw,$(filter bug/%,$(1)))$(if \
             $(filter mine/%,$(1)),$(FILE))

.PHONY: lab

# One rule builds every grader.  A reader's build (mine/) is redone at
# every make lab (which removes its grader first), since FILE may name
# another file than last time, or the same file, older than the build.
.SECONDEXPANSION:
$(B)/lab/%/grade: $$(call lab-file,$$*) \
                  $$(if $$(filter-out book,$$*),$(B)/lab/book/grade) \
                  $(GRADER_SRC) labs/grade.h tools/replace-chunk.awk $(CHAPTERS)
	@mkdir -p $(@D)
	@echo "lab: tangle the library with $(or $(call lab-file,$*),the book's chunks) into $(@D)"
	@set -o pipefail; lib=$$(sed -n 's/^LIB=//p' "$$(command -v notangle)"); \
	$$lib/markup -t $(CHAPTERS) $(call lab-file,$*) \
	  | awk -v lab=$(call lab-file,$*) -f tools/replace-chunk.awk > $(@D)/markup.new \
	  || { rm -f $(@D)/markup.new; exit 1; }; \
	for r in $(filter lib/% book/%,$(ROOTS)); do \
	  f=$(@D)/$${r##*/}; \
	  $$lib/nt -t -L -R$$r < $(@D)/markup.new > $$f.new || { rm -f $$f.new; exit 1; }; \
	  if cmp -s $$f.new $$f; then rm $$f.new; else mv $$f.new $$f; fi; \
	done; rm $(@D)/markup.new
	@set -e; book=$(B)/lab/book; same=$(if $(filter book,$*),no,yes); \
	for h in $(HEADERS); do cmp -s $(@D)/$$h $$book/$$h || same=no; done; \
	objs=; \
	for c in $(LIB_SRC) $(GRADER_SRC); do \
	  case $$c in labs/*) src=$$c;; *) src=$(@D)/$$c;; esac; \
	  o=$${c##*/}; o=$${o%.c}.o; \
	  if [ $$same = yes ] && { [ $$src = $$c ] || cmp -s $$src $$book/$$c; }; then \
	    objs="$$objs $$book/$$o"; \
	  else \
	    echo "lab: compile $$src"; \
	    $(LAB_CC) -I$(@D) -Ilabs -c -o $(@D)/$$o $$src; \
	    objs="$$objs $(@D)/$$o"; \
	  fi; \
	done; \
	$(LAB_CC) -o $@ $$objs $(LDLIBS)

# make lab NAME=lab [FILE=answer.nw]: the checks of the arguments, the
# build, and the grader's run, with a line of its own for a crash, a
# sanitizer's report or a run that does not end.
lab:
	@if [ -z "$(NAME)" ] || [ ! -f "labs/$(NAME).nw" ]; then \
	  echo "make lab: $(if $(NAME),there is no lab called '$(NAME)',say which lab: make lab NAME=lab FILE=answer.nw); the labs are: $(LABS)" >&2; \
	  exit 2; fi
	@if [ -n "$(FILE)" ]; then \
	  f="$(FILE)"; \
	  [ -f "$$f" ] || { echo "make lab: $$f: no such file" >&2; exit 2; }; \
	  chunks() { sed -n 's/^<<\(.*\)>>=[[:space:]]*$$/\1/p' "$$1" | sort -u; }; \
	  extra=$$(comm -23 <(chunks "$$f") <(chunks labs/$(NAME).nw) | head -n 1); \
	  [ -z "$$extra" ] || { echo "make lab: $$f defines <<$$extra>>, which lab $(NAME) does not ask for (see labs/$(NAME).nw)" >&2; exit 2; }; \
	  miss=$$(comm -13 <(chunks "$$f") <(chunks labs/$(NAME).nw) | head -n 1); \
	  [ -z "$$miss" ] || { echo "make lab: $$f does not define <<$$miss>>, which lab $(NAME) asks for (see labs/$(NAME).nw)" >&2; exit 2; }; \
	fi
	@$(if $(FILE),rm -f $(B)/lab/mine/$(NAME)/grade)
	@$(MAKE) --no-print-directory $(if $(FILE),$(B)/lab/mine/$(NAME)/grade,$(B)/lab/book/grade) \
	  || { echo "make lab: $(or $(FILE),the book) did not build: the messages above say where" >&2; exit 2; }
	@$(LAB_ENV) timeout 120 $(if $(FILE),$(B)/lab/mine/$(NAME)/grade,$(B)/lab/book/grade) $(NAME); s=$$?; \
	case $$s in \
	0|1) exit $$s;; \
	3) echo "make lab: the sanitizers stopped the grader: the report above says where $(or $(FILE),the book) reads or writes outside an array, or computes something undefined" >&2;; \
	124) echo "make lab: the grader did not finish in 120 s: a loop in $(or $(FILE),the book) that does not end?" >&2;; \
	*) echo "make lab: the grader crashed (exit status $$s)" >&2;; \
	esac; exit 1

# ---------------------------------------------------------------- tests
TESTS = $(wildcard tests/test-*.c)

$(B)/test/%.o: tests/%.c $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Werror -MMD -MP -I$(B)/src -Itests -c -o $@ $<
$(B)/test/lib-%.o: $(B)/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Werror -MMD -MP -I$(B)/src -c -o $@ $<
$(B)/test/run: $(TESTS:tests/%.c=$(B)/test/%.o) $(B)/test/main.o $(B)/test/nets.o \
               $(B)/test/files.o $(LIB_SRC:%.c=$(B)/test/lib-%.o) $(B)/test/lib-gemm-blas.o
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test-san/%.o: tests/%.c $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANITIZE) -Werror -MMD -MP -I$(B)/src -Itests -c -o $@ $<
$(B)/test-san/lib-%.o: $(B)/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANITIZE) -Werror -MMD -MP -I$(B)/src -c -o $@ $<
$(B)/test-san/run: $(TESTS:tests/%.c=$(B)/test-san/%.o) $(B)/test-san/main.o \
                   $(B)/test-san/nets.o $(B)/test-san/files.o \
                   $(LIB_SRC:%.c=$(B)/test-san/lib-%.o) $(B)/test-san/lib-gemm-blas.o
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(LDLIBS)

# The chapter programs once more, with the sanitizers, for short runs.
$(B)/bin-san/%: $(B)/src/%.c $(LIB_SRC:%.c=$(B)/test-san/lib-%.o)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANITIZE) -Werror -I$(B)/src -o $@ $^ $(LDLIBS)
$(B)/bin-san/mpi-fashion: $(B)/src/mpi-fashion.c $(MPI_NAMES:%=$(B)/src/%.c) \
                          $(LIB_SRC:%.c=$(B)/test-san/lib-%.o)
	@mkdir -p $(@D)
	$(MPICC) $(CFLAGS) $(SANITIZE) -Werror -I$(B)/src -o $@ $^ $(LDLIBS)

# The benchmark of chapter 17 (see the runs' section).  make test and
# make teacher build more programs (the tests, the labs, the programs
# with the sanitizers, the solutions): with those goals they are built
# beside the book's runs and before the benchmark, not beside it while
# it times two threads (order-only: nothing is rebuilt for it).
BEFORE_BENCH = $(if $(filter test teacher,$(MAKECMDGOALS)), \
  $(SOLUTION_PROGRAMS:%=$(B)/solutions/bin/%)) \
  $(if $(filter test,$(MAKECMDGOALS)), \
  $(B)/test/run $(B)/test-san/run $(LAB_GRADERS) $(PROGRAMS:%=$(B)/bin-san/%) \
  $(SOLUTION_PROGRAMS:%=$(B)/solutions/bin-san/%))
# Chapter 23's runs time their steps too: two epochs of Fashion-MNIST on
# 1, 2 and 4 ranks (4 on two cores: oversubscribed), each saving its
# model, one after another, after the other runs and before the
# benchmark (the Python epochs of gemm-python.dat wait for them).
$(B)/data/mpi-fashion-%.tex $(B)/data/mpi-result-%.dat $(B)/data/mpi-%.model: \
  $(B)/bin/mpi-fashion | $(OTHER_RUNS) $(BEFORE_BENCH)
	@mkdir -p $(@D)
	$(MPIRUN) -np $* $< --save $(B)/data/mpi-$*.model --result $(B)/data/mpi-result-$*.dat \
	   --tag mpi$* --tex $(B)/data/mpi-fashion-$*.tex > /dev/null
$(B)/data/mpi-fashion-2.tex: | $(B)/data/mpi-fashion-1.tex
$(B)/data/mpi-fashion-4.tex: | $(B)/data/mpi-fashion-2.tex
$(GEMM_OUT) &: $(B)/bin/gemm-bench $(B)/data/gemm-python.dat | $(OTHER_RUNS) $(BEFORE_BENCH)
	$< --repeats 3 --python $(B)/data/gemm-python.dat --table $(B)/data/gemm-table.tex \
	   --roofline $(B)/data/gemm-roofline.dat --tex $(B)/data/gemm.tex

test: all teacher $(B)/test/run $(B)/test-san/run $(LAB_GRADERS) $(PROGRAMS:%=$(B)/bin-san/%) \
      $(SOLUTION_PROGRAMS:%=$(B)/solutions/bin-san/%)
	tests/run-all.sh "$(B)" "$(CC)" $(PROGRAMS) -- $(ROOTS) -- $(CHAPTERS)


# ---------------------------------------------------------------- fuzzing
# The parsers of chapters 15 (IDX) and 18 (model files) under libFuzzer and
# the sanitizers, in memory, each for FUZZ_TIME seconds, from seeds that
# tools/idx-seeds.sh and tools/model-seeds.sh write; what they find goes
# to build/fuzz/corpus-*, and a crashing input to build/fuzz/.
# Not part of make or make test:   make fuzz [FUZZ_TIME=600]
# A few seconds of each, to see that both build and run:   make fuzz-smoke
FUZZ_TIME = 60
FUZZ_CC   = clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
             -fno-sanitize-recover=all -I$(B)/src

fuzz-packages:
	@tools/need-packages.sh clang libclang-rt-14-dev

$(B)/fuzz/fuzz-idx: tests/fuzz-idx.c $(B)/src/idx.c $(B)/src/idx.h \
                    $(B)/src/nnerr.c $(B)/src/nnerr.h | fuzz-packages
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz-idx.c \
	    $(B)/src/idx.c $(B)/src/nnerr.c -lz

FUZZ_MODEL_SRC = $(addprefix $(B)/src/,model.c net.c activation.c \
                   runfile.c rng.c nnerr.c)
$(B)/fuzz/fuzz-model: tests/fuzz-model.c $(FUZZ_MODEL_SRC) \
                      $(B)/src/model.h $(B)/src/net.h | fuzz-packages
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz-model.c $(FUZZ_MODEL_SRC) \
	    -lz -lm

$(B)/fuzz/seeds.stamp: tools/idx-seeds.sh tools/model-seeds.sh
	tools/idx-seeds.sh $(B)/fuzz/seeds
	tools/model-seeds.sh $(B)/fuzz/model-seeds
	@touch $@

fuzz: $(B)/fuzz/fuzz-idx $(B)/fuzz/fuzz-model $(B)/fuzz/seeds.stamp
	@mkdir -p $(B)/fuzz/corpus-idx $(B)/fuzz/corpus-model
	$(B)/fuzz/fuzz-idx -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -artifact_prefix=$(B)/fuzz/ $(B)/fuzz/corpus-idx $(B)/fuzz/seeds
	$(B)/fuzz/fuzz-model -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -artifact_prefix=$(B)/fuzz/ $(B)/fuzz/corpus-model \
	    $(B)/fuzz/model-seeds

fuzz-smoke: $(B)/fuzz/fuzz-idx $(B)/fuzz/fuzz-model $(B)/fuzz/seeds.stamp
	$(B)/fuzz/fuzz-idx -runs=2000 -artifact_prefix=$(B)/fuzz/ \
	    $(B)/fuzz/seeds
	$(B)/fuzz/fuzz-model -runs=2000 -artifact_prefix=$(B)/fuzz/ \
	    $(B)/fuzz/model-seeds

.PHONY: fuzz fuzz-smoke fuzz-packages

clean:
	rm -rf $(B)
