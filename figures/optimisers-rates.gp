# Validation loss against the learning rate, one panel a task, one line a
# step rule.  Data: optimisers --rates; columns rate, then for each task
# (regression, quadrants, blobs, clusters) the five rules (gradient
# descent, momentum, AdaGrad, RMSProp, Adam): the mean validation loss
# over the seeds, NaN where a run overflowed.
f = data.'/optimisers-rates.dat'
set multiplot layout 2,2 margins 0.09,0.98,0.09,0.86 spacing 0.09,0.13
set logscale xy
set format x '$10^{%L}$'
set format y '$%g$'
set xrange [0.0007:1.4]
set grid lc rgb '#dddddd'
set style line 1 lw 2 lc rgb '#888888' dt (2, 3) pt 1 ps 0.8
set style line 2 lw 2 lc rgb '#4a78b0' dt (8, 4) pt 2 ps 0.8
set style line 3 lw 2 lc rgb '#2e8b57' dt (12, 4, 2, 4) pt 4 ps 0.8
set style line 4 lw 2 lc rgb '#b8860b' dt (4, 2) pt 6 ps 0.8
set style line 5 lw 3 lc rgb '#b03a2e' dt 1 pt 7 ps 0.8
titles = 'regression quadrants blobs clusters'
array rule[5] = ['gradient descent', 'momentum', 'AdaGrad', 'RMSProp', 'Adam']
do for [k = 0:3] {
    set title word(titles, k + 1) offset 0,-0.6
    if (k == 0) {
        set key at screen 0.5, 0.995 center top horizontal maxrows 1 samplen 2.5 width 1
    } else {
        unset key
    }
    set xlabel (k >= 2 ? 'learning rate $\eta$' : '')
    set ylabel (k % 2 == 0 ? 'validation loss' : '')
    plot for [u = 0:4] f using 1:(column(2 + 5 * k + u)) with linespoints \
         ls (u + 1) title rule[u + 1]
}
unset multiplot
