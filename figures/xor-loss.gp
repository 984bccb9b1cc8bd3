# Training loss of the XOR network, step by step.  Data: xor --curve;
# columns step, average loss over the four samples before that step.
set logscale xy
set format x '$10^{%L}$'
set format y '$10^{%L}$'
set xlabel 'gradient-descent step'
set ylabel 'average cross-entropy'
set grid lc rgb '#dddddd'
unset key
plot data.'/xor-loss.dat' using 1:2 with lines lw 3 lc rgb '#4a78b0'
