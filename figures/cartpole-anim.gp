# An animated GIF of one cart-pole episode, a frame every `stride` steps
# and one of the last state, drawn to scale: the track of 4.8 m with a
# post at each end, a cart of 0.5 m by 0.3 m, a pole of 1 m.  Unlike the
# book's figures it sets its own terminal: it makes nothing but a GIF.
# Data: balance --episode; columns step, time (s), x (m), theta (rad);
# block 0 is the episode before training, block 1 the one after.
# Set on the command line (gnuplot -e "..."):
#   f      the episode file          out    the GIF to write
#   block  0 or 1 (default 1)        stride keep every n-th step (default 2)
#   optimize  1: store each frame as its change from the one before
#          (default 0)
if (!exists("block")) block = 1
if (!exists("stride")) stride = 2
if (!exists("optimize")) optimize = 0
tau = 0.02                      # the time step of chapter 20, s
# The delay between frames is in hundredths of a second: the frames play
# at the pace of the simulation, 50 steps a second.  A frame every second
# step, 25 a second, looks as smooth and halves the file.  (The terminal's
# option optimize makes the file three or four times smaller, but libgd
# may warn about frames it could not encode: plain frames are safe, and
# the default.  The web edition asks for optimize, and makes plain frames
# after a warning: tools/web/animation.sh.)
gifopt = optimize ? 'optimize' : 'nooptimize'
set terminal gif animate delay int(100 * tau * stride + 0.5) loop 0 \
    @gifopt size 480,200 font ',10'
set output out

# Read the episode into arrays: one pass over the file.
stats f index block using 1 nooutput
n = STATS_records
set xrange [-2.7:2.7]
set yrange [-0.35:1.35]
array X[n]
array TH[n]
array T[n]
set table $discard
plot f index block using (X[$0 + 1] = $3, TH[$0 + 1] = $4, T[$0 + 1] = $2):(0) with points
unset table

unset border
unset tics
unset key
set size ratio -1
set margins 0, 0, 0, 0
set samples 2
set style fill solid 1.0 noborder
# The track and its posts, the same in every frame.
set arrow 2 from -2.4, 0 to 2.4, 0 nohead lw 2 lc rgb '#9a9a9a'
set object 1 rect from -2.44, -0.12 to -2.40, 0.25 fc rgb '#9a9a9a'
set object 2 rect from 2.40, -0.12 to 2.44, 0.25 fc rgb '#9a9a9a'
phase = block == 0 ? 'before training' : 'after training'
do for [k = 0:(n + stride - 2) / stride] {
    i = k * stride + 1 < n ? k * stride + 1 : n
    set object 3 rect from X[i] - 0.25, 0 to X[i] + 0.25, 0.3 \
        fc rgb '#1f4e79' fs solid noborder front
    set arrow 1 from X[i], 0.3 to X[i] + sin(TH[i]), 0.3 + cos(TH[i]) \
        nohead lw 5 lc rgb '#d9822b' front
    set label 1 sprintf('%s   step %d of %d   t = %.2f s', phase, i - 1, \
        n - 1, T[i]) at 0, -0.25 center
    plot -1 with lines      # nothing in range: the frame is its objects
}
unset output
