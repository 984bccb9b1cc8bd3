# The confusion matrix of the test set: for each true class (row) the
# number of its images predicted as each class (column), printed in the
# cell.  The diagonal (the right answers) is plain grey; the mistakes
# are shaded by their count on their own linear scale, up to the largest
# mistake, so that small counts show.  Data: fashion --pictures; lines
# true, predicted, share, count.
f = data.'/fashion-confusion.dat'
stats f using ($1 != $2 ? $4 : 0) nooutput
most = STATS_max > 0 ? STATS_max : 1
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
set xtics ('T-shirt/top' 0, 'Trouser' 1, 'Pullover' 2, 'Dress' 3, 'Coat' 4, \
           'Sandal' 5, 'Shirt' 6, 'Sneaker' 7, 'Bag' 8, 'Ankle boot' 9) \
          rotate by 45 right scale 0
set ytics ('T-shirt/top' 0, 'Trouser' 1, 'Pullover' 2, 'Dress' 3, 'Coat' 4, \
           'Sandal' 5, 'Shirt' 6, 'Sneaker' 7, 'Bag' 8, 'Ankle boot' 9) scale 0
set xlabel 'predicted class'
set ylabel 'true class'
# light enough at the top for black figures to stay legible, in grey too
set palette defined (0 'white', 1 '#7fa3d6')
set cbrange [0:most]
set cblabel 'mistakes (images)'
unset key
plot f using 2:1:($1 != $2 ? $4 : NaN) with image, \
     f using ($1 == $2 ? $2 : NaN):1:(0.5):(0.5) with boxxyerror \
       fs solid 0.25 noborder lc rgb '#888888', \
     f using 2:1:($4 > 0 ? sprintf('%d', $4) : '') with labels
