# Training on 500 images: loss and accuracy after every epoch, on the
# 500 training images and on 2,000 validation images, both on the
# weights at the epoch's end.  Data: fashion --curves; columns epoch,
# training loss and accuracy, validation loss and accuracy.
set multiplot layout 1,2
set xlabel 'epoch'
set grid lc rgb '#dddddd'
f = data.'/fashion-overfit.dat'
set title 'loss'
set key top right samplen 2.5
plot f using 1:2 with lines lw 3 lc rgb '#4a78b0' dt 1 title 'training', \
     f using 1:4 with lines lw 3 lc rgb '#b03a2e' dt (8, 4) title 'validation'
set title 'accuracy (\%)'
set key bottom right samplen 2.5
set yrange [50:101]
plot f using 1:(100*$3) with lines lw 3 lc rgb '#4a78b0' dt 1 title 'training', \
     f using 1:(100*$5) with lines lw 3 lc rgb '#b03a2e' dt (8, 4) title 'validation'
unset multiplot
