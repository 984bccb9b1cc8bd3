# Validation loss against the learning rate, one panel a task, one line a
# step rule.  Data: optimisers --rates; columns rate, then for each task
# (regression, quadrants, blobs, clusters) the five rules (gradient
# descent, momentum, AdaGrad, RMSProp, Adam): the mean validation loss
# over the seeds, NaN where a run overflowed.
f = data.'/optimisers-rates.dat'
set multiplot
set logscale xy
set format x '$10^{%L}$'
set format y '$%g$'
set xrange [0.0007:1.4]
set grid lc rgb '#dddddd'
set style line 1 lw 2 lc rgb '#888888' dt (1, 3) pt 1 ps 1.1
set style line 2 lw 2 lc rgb '#4a78b0' dt (8, 4) pt 2 ps 1.1
set style line 3 lw 2 lc rgb '#2e8b57' dt (12, 4, 2, 4) pt 4 ps 1.1
set style line 4 lw 2 lc rgb '#b8860b' dt (3, 3) pt 6 ps 1.1
set style line 5 lw 3 lc rgb '#b03a2e' dt 1 pt 7 ps 1.1
array rule[5] = ['gradient descent', 'momentum', 'AdaGrad', 'RMSProp', 'Adam']
titles = 'regression quadrants blobs clusters'
unset key
set size 0.5, 0.45
do for [k = 0:3] {
    set origin (k % 2) * 0.5, (k < 2 ? 0.46 : 0.0)
    set title word(titles, k + 1) offset 0,-0.6
    set xlabel (k >= 2 ? 'learning rate $\eta$' : '')
    set ylabel (k % 2 == 0 ? 'validation loss' : '')
    # The classifiers' panels start below their lowest loss, about 0.1,
    # so that the valleys and their points stay inside the frame.
    if (k < 2) {
        set yrange [*:*]
        set ytics (0.001, 0.01, 0.1, 1, 10)
    } else {
        set yrange [0.08:1.2]
        set ytics (0.1, 0.2, 0.3, 0.5, 1)
    }
    plot for [u = 0:4] f using 1:(column(2 + 5 * k + u)) with linespoints \
         ls (u + 1) notitle
}
# The legend: a plot of nothing across the top of the figure.
set origin 0, 0.9
set size 1, 0.1
unset border
unset tics
unset grid
unset title
unset xlabel
unset ylabel
unset logscale
set xrange [0:1]
set yrange [0:1]
set key center center horizontal maxcols 5 samplen 2.5
plot for [u = 1:5] NaN with linespoints ls u title rule[u]
unset multiplot
