# Training loss of the XOR network, step by step.  Data: xor --curve;
# columns step, average loss over the four samples before that step.
# The step axis ends with the data, at the last step.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set autoscale xfix
set xlabel 'gradient-descent step'
set ylabel 'average cross-entropy'
set grid lc rgb '#dddddd'
unset key
f = data.'/xor-loss.dat'
stats f using 1 nooutput
last = STATS_max
set xtics add (sprintf('$%d$', last) last*0.99999)
plot f using 1:2 with lines lw 3 lc rgb '#4a78b0'
